namespace VideoLang.Model.Checkpoints;

/// <summary>
/// What an import did with one source file. <see cref="Loaded"/>: copied into the model;
/// <see cref="Ignored"/>: known extras of published files (BERT's pre-training heads and position
/// ids, the ResNet classifier); <see cref="Unexpected"/>: in the file but fitting no model tensor;
/// <see cref="Missing"/>: model tensors of this part the file does not hold, which keep their fresh
/// initialisation. Lists are in ordinal name order.
/// </summary>
public sealed record SourceReport(
    string Path,
    WeightSourceKind Kind,
    IReadOnlyList<TensorMapping> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Ignored);

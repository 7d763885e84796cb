namespace VideoLang.Model.Embedders;

/// <summary>One model tensor filled on import: the published tensor it came from and how.</summary>
public sealed record ImportedTensor(string Source, string Target, TensorTransform Transform);

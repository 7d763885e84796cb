namespace VideoLang.Model.Checkpoints;

/// <summary>How one source file fits the model, before any tensor is copied: the report to be, the shapes that do not fit and notes.</summary>
internal sealed record SourcePlan(SourceReport Report, IReadOnlyList<ShapeMismatch> Mismatches, IReadOnlyList<string> Notes);

namespace VideoLang.Model.Checkpoints;

/// <summary>A source tensor an import knows and leaves out on purpose, with the reason.</summary>
public sealed record IgnoredTensor(string Source, string Reason);

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// A model tensor an import computed rather than copied, so that our modules compute what the
/// source's did: from which source tensors (none for constants) and how.
/// </summary>
public sealed record DerivedTensor(string Target, IReadOnlyList<string> Sources, string How);

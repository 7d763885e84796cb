namespace VideoLang.Torch.NN;

/// <summary>What <see cref="Module.LoadStateDict"/> found: names the module has that the dict lacks, and the reverse.</summary>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys)
{
    public bool IsExact => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;

    public override string ToString() =>
        IsExact ? "all keys matched" : $"missing [{string.Join(", ", MissingKeys)}], unexpected [{string.Join(", ", UnexpectedKeys)}]";
}

namespace VideoLang.Torch.Tests;

/// <summary>libtorch tests share global state (seed, threads), so they run in one collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection
{
    public const string Name = "libtorch";
}

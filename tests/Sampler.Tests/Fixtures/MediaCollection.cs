namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>Test classes that share the generated media of <see cref="MediaFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFixture>
{
    public const string Name = "media";
}

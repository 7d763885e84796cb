namespace VideoLang.Web.Tests.Fixtures;

/// <summary>Every browser test class shares one server and one browser; each test makes its own tenant and browser context.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web";
}

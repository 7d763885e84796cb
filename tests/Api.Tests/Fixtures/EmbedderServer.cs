namespace VideoLang.Api.Tests.Fixtures;

/// <summary>The trained test model active in both roles, and imports converted into the server's own scratch folder.</summary>
public sealed class EmbedderServer : ApiServer
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Worker:ModelsDirectory"] = Path.Combine(Scratch, "models");
}

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server that lets each API key make only a few requests a minute.</summary>
public sealed class RateLimitedServer : ApiServer
{
    public const int PerMinute = 3;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Api:RateLimitPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

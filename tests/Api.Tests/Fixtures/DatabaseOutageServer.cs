using VideoLang.Tests.Postgres;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server that reaches PostgreSQL through a <see cref="LoopbackProxy"/>, so a test can take the database away and bring it back.</summary>
public sealed class DatabaseOutageServer : ApiServer
{
    private LoopbackProxy? _proxy;

    internal LoopbackProxy Proxy => _proxy ?? throw new InvalidOperationException("The server has not started.");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        var postgres = TestPostgresServer.SharedAsync().GetAwaiter().GetResult();
        _proxy = new LoopbackProxy(postgres.Port);
        settings["ConnectionStrings:VideoLang"] = settings["ConnectionStrings:VideoLang"]!.Replace(
            $"Port={postgres.Port}", $"Port={_proxy.Port}", StringComparison.Ordinal);
    }
}

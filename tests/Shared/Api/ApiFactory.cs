using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>
/// The real API host (<c>vlang serve</c>'s) on an in-memory server, or on Kestrel at a loopback port for a
/// real browser, with the test's settings layered over its configuration.
/// </summary>
internal sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ApiFactory(IReadOnlyDictionary<string, string?> settings, bool kestrel = false)
    {
        _settings = settings;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Test");
        builder.ConfigureServices(services => services.AddSingleton(CapturedLogs.Factory));
    }
}

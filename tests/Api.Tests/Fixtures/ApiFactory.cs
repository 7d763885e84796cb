using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>The real API host (<c>vlang serve</c>'s) on an in-memory server, with the test's settings layered over its configuration.</summary>
internal sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Test");
        builder.ConfigureServices(services => services.AddSingleton(CapturedLogs.Factory));
    }
}

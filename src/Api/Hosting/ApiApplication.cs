using Microsoft.AspNetCore.Builder;

namespace VideoLang.Api.Hosting;

/// <summary>The HTTP API host (placeholder until the API lands).</summary>
public static class ApiApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}

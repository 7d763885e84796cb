using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace VideoLang.Api.Web;

/// <summary>
/// The web page at <c>/</c> (static ES modules from <c>wwwroot</c>, copied beside the program at build, no
/// build step of their own) and the API reference at <c>/docs</c> (Scalar, its script served from the
/// package). Nothing either page needs comes from another site: the page's Content-Security-Policy
/// allows only this origin, so a stray CDN link fails in tests instead of in an offline deployment.
/// </summary>
internal static class WebPage
{
    public const string ReferencePath = "/docs";

    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>The folder the page's files are copied to at build, beside the program, whatever the working directory.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseWebPage(this WebApplication app)
    {
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"The web page's files are missing from '{Root}'. Build src/Api again (its wwwroot is copied there).");
        }
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidated each time (the ETag makes that a 304): a new version of the service shows its new page at once.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }

    /// <summary>Scalar's API reference for <c>/openapi/v1.json</c>, without its web fonts and telemetry, which come from scalar.com.</summary>
    public static IEndpointConventionBuilder MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("VideoLang API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry());
}

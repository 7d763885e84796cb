using System.Net;
using System.Text.RegularExpressions;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Web;

public sealed partial class WebPageTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Root_IsThePageFromTheServiceItself_WithAPolicyThatAllowsNoOtherOrigin()
    {
        using var client = server.Client();

        using var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("js/app.js", html);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("http", policy);
        using var script = await client.GetAsync("/js/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Docs_IsScalarServedFromThePackage_ReadingTheOpenApiDocumentWithoutAKey()
    {
        using var client = server.Client();

        using var docs = await client.GetAsync("/docs");
        var html = await docs.Content.ReadAsStringAsync();
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var absolute = AbsoluteUrl().Matches(html).Select(m => m.Value).ToArray();
        Assert.True(absolute.Length == 0, $"The reference page loads from other sites: {string.Join(", ", absolute)}");
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(scripts);
        foreach (var source in scripts)
        {
            using var script = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/docs/"), source));
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{source}: {script.StatusCode}");
        }
        Assert.Contains("/v1/videos/{id}/content", await openApi.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("(?:src|href)=\"https?://[^\"]+\"")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}

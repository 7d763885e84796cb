using Microsoft.Playwright;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class OfflineTests(WebServer server)
{
    [Theory]
    [InlineData("/", "#key")]
    [InlineData("/docs", "text=Upload a video")]
    public async Task Page_RendersWithEveryOtherSiteUnreachable_AndAsksForNothingFromThem(string path, string rendered)
    {
        var page = await server.NewPageAsync();
        var elsewhere = new List<string>();
        // As on a machine with no internet: anything not from the service itself fails.
        await page.Context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host == server.BaseAddress.Host)
            {
                await route.ContinueAsync();
                return;
            }
            elsewhere.Add(route.Request.Url);
            await route.AbortAsync();
        });

        await page.GotoAsync(path);
        await page.Locator(rendered).First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(elsewhere.Count == 0, $"{path} asked other sites for: {string.Join(", ", elsewhere)}");
        await page.ScreenshotAsync("offline" + path.Replace('/', '-').TrimEnd('-'));
    }
}

using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class LayoutTests(WebServer server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search")]
    [InlineData("/upload")]
    public async Task PhoneWidth_NothingIsWiderThanTheScreen(string path)
    {
        var tenant = await server.NewTenantAsync();
        await tenant.IngestAsync(server, [server.Model.Videos[1].Path]);
        var page = await server.NewPageAsync(width: 375, height: 740);

        await page.SignInAsync(tenant.WriterKey, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (path == "/")
        {
            Assert.True(await page.ImagesLoadedAsync("vl-video-card img"));
        }

        Assert.Equal(375, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await page.ScreenshotAsync("phone" + path.Replace('/', '-').TrimEnd('-'));
    }

    [Fact]
    public async Task Jobs_ShowsAnAdminTheTenantsJobs()
    {
        var tenant = await server.NewTenantAsync();
        var video = Assert.Single(await tenant.IngestAsync(server, [server.Model.Videos[3].Path]));
        var page = await server.NewPageAsync();

        await page.SignInAsync(tenant.AdminKey, "/jobs");

        var row = page.Locator("#jobs tbody tr");
        await row.First.WaitForAsync();
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("succeeded", await row.GetAttributeAsync("data-status"));
        Assert.Equal($"#/videos/{video.Id}", await row.Locator("a").GetAttributeAsync("href"));
    }
}

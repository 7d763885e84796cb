using System.Net;
using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SignInTests(WebServer server)
{
    [Fact]
    public async Task SignIn_ShowsTheTenantsLibraryWithThumbnails_WhenTheKeyIsValid()
    {
        var tenant = await server.NewTenantAsync();
        var video = Assert.Single(await tenant.IngestAsync(server, [server.Model.Videos[0].Path]));
        var page = await server.NewPageAsync();

        await page.SignInAsync(tenant.WriterKey);

        var card = page.Locator($"vl-video-card a[href='#/videos/{video.Id}']");
        await card.Locator(".status-ready").WaitForAsync();
        Assert.Equal(video.OriginalName, await card.Locator(".name").InnerTextAsync());
        Assert.Contains(tenant.Name, await page.InnerTextAsync("#who-name"));
        Assert.True(await page.ImagesLoadedAsync("vl-video-card img"));
        Assert.Equal(video.Tags.Take(6).Select(t => t.Label), await card.Locator(".tag").AllInnerTextsAsync());
        Assert.Equal("0:03.0", await card.Locator(".duration").InnerTextAsync());
        await page.ScreenshotAsync("library");
    }

    [Fact]
    public async Task SignIn_ShowsTheServersReason_WhenTheKeyIsWrong()
    {
        var page = await server.NewPageAsync();
        using var direct = server.Client("vl_wrong");
        using var response = await direct.PostAsync("/v1/session", null);
        var detail = (await response.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!;

        await page.GotoAsync("/");
        await page.FillAsync("#key", "vl_wrong");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal(detail, await page.Locator("[role=alert]").InnerTextAsync());
        Assert.True(await page.Locator("#nav").IsHiddenAsync());
    }

    [Fact]
    public async Task ReadOnlyKey_ShowsNoUpload_AndTheUploadPageSaysWhy()
    {
        var tenant = await server.NewTenantAsync();
        var page = await server.NewPageAsync();

        await page.SignInAsync(tenant.ReaderKey);

        Assert.True(await page.Locator("nav a[data-nav=upload]").IsHiddenAsync());
        Assert.True(await page.Locator("nav a[data-nav=jobs]").IsHiddenAsync());
        Assert.Contains("read only", await page.InnerTextAsync("#who-name"));
        await page.GotoAsync("/#/upload");
        Assert.Contains("write scope", await page.Locator("[role=alert]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#file-input").CountAsync());
    }

    [Fact]
    public async Task AnotherTenantsVideo_IsNeitherListedNorOpened()
    {
        var owner = await server.NewTenantAsync();
        var video = Assert.Single(await owner.IngestAsync(server, [server.Model.Videos[1].Path]));
        var stranger = await server.NewTenantAsync();
        var page = await server.NewPageAsync();

        await page.SignInAsync(stranger.AdminKey);
        await page.Locator(".more").GetByText("No videos yet").WaitForAsync();
        await page.GotoAsync($"/#/videos/{video.Id}");

        Assert.Equal(0, await page.Locator("vl-video-card").CountAsync());
        Assert.Contains($"There is no video {video.Id}", await page.Locator("[role=alert]").InnerTextAsync());
        var content = await page.APIRequest.GetAsync($"/v1/videos/{video.Id}/content");
        Assert.Equal(404, content.Status);
    }
}

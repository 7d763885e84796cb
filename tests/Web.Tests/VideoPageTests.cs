using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class VideoPageTests(WebServer server)
{
    [Fact]
    public async Task VideoPage_ShowsEveryClipsThumbnail_AndClickingATagSeeksToItsClip()
    {
        var tenant = await server.NewTenantAsync();
        var video = Assert.Single(await tenant.IngestAsync(server, [server.Model.Videos[2].Path]));
        var page = await server.NewPageAsync();
        await page.SignInAsync(tenant.ReaderKey, $"/videos/{video.Id}");

        await page.Locator(".timeline img").First.WaitForAsync();
        Assert.Equal(TrainedModel.ClipCount, await page.Locator(".timeline button.clip").CountAsync());
        Assert.True(await page.ImagesLoadedAsync(".timeline img"));
        var tag = video.Tags.First(t => t.StartSeconds > 0);
        var button = page.Locator("#tags button.tag").Filter(new() { HasText = tag.Label }).First;
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal(tag.StartSeconds, await page.SeekedToAsync(), tolerance: 0.1);
        Assert.True(await page.Locator("#similar").IsHiddenAsync());
    }
}

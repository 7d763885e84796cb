using System.Globalization;
using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SearchTests(WebServer server)
{
    [Fact]
    public async Task Search_ClickingAMoment_PlaysTheVideoFromTheMomentsStart_OverRangeRequests()
    {
        var tenant = await server.NewTenantAsync();
        var source = server.Model.Videos[4];
        await tenant.IngestAsync(server, [source.Path, server.Model.Videos[5].Path]);
        var page = await server.NewPageAsync();
        var contentStatuses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/content", StringComparison.Ordinal))
            {
                contentStatuses.Add(response.Status);
            }
        };
        await page.SignInAsync(tenant.ReaderKey, "/search");

        await page.FillAsync("#q", source.Caption);
        await page.ClickAsync("form[role=search] button[type=submit]");
        var moments = page.Locator("vl-moment a");
        await moments.First.WaitForAsync();
        Assert.Equal(source.FileName, await moments.First.Locator(".name").InnerTextAsync());
        Assert.True(await page.ImagesLoadedAsync("vl-moment img"));
        await page.ScreenshotAsync("search");
        // A moment that does not start at 0 s, so landing there cannot be the player's default.
        var later = moments.Filter(new() { Has = page.Locator(".name", new() { HasText = source.FileName }) })
            .Filter(new() { HasNotText = "0:00.0–" }).First;
        var start = double.Parse((await later.GetAttributeAsync("data-start"))!, CultureInfo.InvariantCulture);
        Assert.True(start > 0, "every moment starts at 0 s");

        await later.ClickAsync();
        var landed = await page.SeekedToAsync();

        Assert.Equal(start, landed, tolerance: 0.1);
        Assert.Contains(206, contentStatuses);
        await page.ScreenshotAsync("video");
    }
}

using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class QuestionsTests(WebServer server)
{
    [Fact]
    public async Task Questions_SubmittedForAPickedVideo_AreAnsweredWithAClipThatPlays()
    {
        var tenant = await server.NewTenantAsync();
        var source = server.Model.Videos[0];
        var video = Assert.Single(await tenant.IngestAsync(server, [source.Path]));
        var page = await server.NewPageAsync();
        await page.SignInAsync(tenant.WriterKey, "/questions");

        await page.CheckAsync($"input[name=video][value='{video.Id}']");
        await page.FillAsync("#questions-text", string.Join('\n', source.Questions.Take(2).Select(q => q.Question)));
        await page.ClickAsync("form.questions button[type=submit]");

        var answers = page.Locator("#answers li.answer");
        await answers.Nth(1).WaitForAsync(new() { Timeout = 120_000 });
        Assert.Contains("completed", await page.InnerTextAsync("#batch-state"));
        Assert.Equal(100, await page.Locator("#batch-progress").EvaluateAsync<double>("p => p.value"));
        Assert.Contains(source.Questions[0].Question, await answers.First.InnerTextAsync());
        Assert.False(string.IsNullOrWhiteSpace(await answers.First.Locator(".answer-line strong").InnerTextAsync()));
        await page.ScreenshotAsync("questions");
        var moment = answers.First.Locator("vl-moment a");
        var start = double.Parse((await moment.GetAttributeAsync("data-start"))!, System.Globalization.CultureInfo.InvariantCulture);

        await moment.ClickAsync();

        Assert.Equal(start, await page.SeekedToAsync(), tolerance: 0.1);
    }
}

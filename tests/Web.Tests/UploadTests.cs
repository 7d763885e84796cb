using VideoLang.Api.Tests.Fixtures;
using VideoLang.Web.Tests.Fixtures;

namespace VideoLang.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class UploadTests(WebServer server)
{
    [Fact]
    public async Task Upload_TwoDroppedFilesEachShowProgressThenIngestUntilReady()
    {
        var tenant = await server.NewTenantAsync();
        var files = new[] { server.Model.Videos[2].Path, server.Model.Videos[3].Path };
        var page = await server.NewPageAsync();
        await page.SignInAsync(tenant.WriterKey, "/upload");

        // Dropped as a person drags them from a file manager: one drop event carrying both files.
        var dropped = files.Select(f => new { name = Path.GetFileName(f), bytes = Convert.ToBase64String(File.ReadAllBytes(f)) }).ToArray();
        var transfer = await page.EvaluateHandleAsync(
            "files => { const t = new DataTransfer(); for (const f of files) t.items.add(new File([Uint8Array.from(atob(f.bytes), c => c.charCodeAt(0))], f.name, { type: 'video/mp4' })); return t; }",
            dropped);
        await page.DispatchEventAsync("#drop", "dragenter", new { dataTransfer = transfer });
        await page.DispatchEventAsync("#drop", "drop", new { dataTransfer = transfer });

        foreach (var file in files.Select(Path.GetFileName))
        {
            var settled = await page.WaitForFunctionAsync(
                "f => { const r = [...document.querySelectorAll('.upload')].find(r => r.dataset.file === f); return r && ['ready', 'failed', 'refused'].includes(r.dataset.state) && r.dataset.state; }",
                file, new() { Timeout = 120_000 });
            var row = page.Locator(".upload").Filter(new() { Has = page.Locator($"text={file}") });
            Assert.True(await settled.JsonValueAsync<string>() == "ready", await row.InnerTextAsync());
            Assert.Equal(1.0, await row.Locator("progress").EvaluateAsync<double>("p => p.value"));
        }
        await page.ScreenshotAsync("upload");
        await page.GotoAsync("/#/");
        await page.Locator("vl-video-card .status-ready").Nth(1).WaitForAsync();
        Assert.Equal(2, await page.Locator("vl-video-card").CountAsync());
    }

    [Fact]
    public async Task Upload_OfANonVideo_ShowsTheServersRefusalInItsOwnWords()
    {
        var tenant = await server.NewTenantAsync();
        var notes = Path.Combine(server.Scratch, "notes.txt");
        await File.WriteAllTextAsync(notes, "These are meeting notes, not a video.\n");
        using var direct = await tenant.Writer.UploadAsync(notes);
        var detail = (await direct.ProblemAsync(direct.StatusCode)).GetProperty("detail").GetString()!;
        var page = await server.NewPageAsync();
        await page.SignInAsync(tenant.WriterKey, "/upload");

        await page.SetInputFilesAsync("#file-input", notes);

        var row = page.Locator(".upload[data-file='notes.txt']");
        await row.Locator("[role=alert]").WaitForAsync();
        Assert.Equal("refused", await row.GetAttributeAsync("data-state"));
        Assert.Equal(detail, await row.Locator("[role=alert]").InnerTextAsync());
        await page.ScreenshotAsync("upload-refused");
    }
}

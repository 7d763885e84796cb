using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Uploads;

/// <summary>Bad uploads are refused with a problem that says what was wrong, and leave nothing behind: no rows, no stored file, no temporary file.</summary>
public sealed class MultipartUploadTests(SmallLimitsServer server) : IClassFixture<SmallLimitsServer>
{
    [Theory]
    [InlineData("empty", HttpStatusCode.UnprocessableEntity, "not_media_file", "empty")]
    [InlineData("random-bytes", HttpStatusCode.UnprocessableEntity, "not_media_file", "not a video")]
    [InlineData("truncated-mp4", HttpStatusCode.UnprocessableEntity, "unreadable", "truncated")]
    [InlineData("broken-mvhd", HttpStatusCode.UnprocessableEntity, "inconsistent_duration", "damaged header")]
    [InlineData("hls-playlist", HttpStatusCode.UnsupportedMediaType, "playlist_or_script", "playlist")]
    public async Task Upload_IsRefusedWithAProblemAndStoresNothing_WhenTheFileIsNotAUsableVideo(string kind, HttpStatusCode status, string reason, string says)
    {
        var tenant = await server.NewTenantAsync();
        var path = BadFiles.Get(kind, server.Model.SpareVideos[0]);
        var before = server.FilesOnDisk();

        using var response = await tenant.Writer.UploadAsync(path);

        var problem = await response.ProblemAsync(status);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.StartsWith("urn:videolang:problem:video-rejected:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(says, detail, StringComparison.OrdinalIgnoreCase);
        // The detail names the file the person sent, not the server's temporary copy.
        Assert.Contains(Path.GetFileName(path), detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(tenant, before);
    }

    [Fact]
    public async Task Upload_IsRefusedWith413AndStoresNothing_WhenTheFileIsOverTheCap()
    {
        var tenant = await server.NewTenantAsync();
        var before = server.FilesOnDisk();

        using var response = await tenant.Writer.UploadAsync(BadFiles.Large(SmallLimitsServer.MaxUploadBytes + 1));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(tenant, before);
    }

    [Fact]
    public async Task Upload_IsRefusedWith415_WhenTheBodyIsNotMultipart()
    {
        var tenant = await server.NewTenantAsync();
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(server.Model.SpareVideos[0]));
        body.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");

        using var response = await tenant.Writer.PostAsync("/v1/videos", body);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_IsRefusedWith400_WhenNoPartIsNamedFile()
    {
        var tenant = await server.NewTenantAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(server.Model.SpareVideos[0])), "video", "a.mp4" } };

        using var response = await tenant.Writer.PostAsync("/v1/videos", form);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'file'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.FilesOnDisk(), f => f.StartsWith(server.UploadDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public async Task QaBatch_IsRefusedWith413_WhenTheBodyIsOverTheRequestCap()
    {
        var tenant = await server.NewTenantAsync();
        var question = $"{{\"video_id\":\"{Guid.NewGuid()}\",\"question\":\"{new string('x', 1000)}\"}}";
        var body = "[" + string.Join(",", Enumerable.Repeat(question, (int)(SmallLimitsServer.MaxRequestBytes / question.Length) + 1)) + "]";

        using var response = await tenant.Writer.PostAsync("/v1/qa/batches", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Split it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_KeepsTheClientsFileName_WhenItHasSpacesAndPunctuation()
    {
        var tenant = await server.NewTenantAsync();
        const string name = "my clip #1 (final) 100% ü?.mp4";

        using var response = await tenant.Writer.UploadAsync(server.Model.SpareVideos[2], fileName: name);

        var video = await response.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);
        Assert.Equal(name, video.OriginalName);
        Assert.Equal((96, 72), (video.Metadata.Width, video.Metadata.Height));
    }

    [Fact]
    public async Task Upload_IsIngested_WhenBadUploadsWereRefusedBeforeIt()
    {
        var tenant = await server.NewTenantAsync();
        foreach (var kind in new[] { "empty", "random-bytes", "truncated-mp4", "hls-playlist" })
        {
            using var refused = await tenant.Writer.UploadAsync(BadFiles.Get(kind, server.Model.SpareVideos[1]));
            Assert.True((int)refused.StatusCode is >= 400 and < 500, $"{kind}: {refused.StatusCode}");
        }

        var video = (await tenant.IngestAsync(server, [server.Model.SpareVideos[1]])).Single();

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.NotEmpty(video.Tags);
        await using var db = server.Db();
        Assert.Equal(1, await db.Videos.CountAsync(v => v.Tenant == tenant.Name));
        Assert.All(await db.Jobs.Where(j => j.Tenant == tenant.Name).ToListAsync(), j => Assert.Equal(JobStatus.Succeeded, j.Status));
    }

    private async Task AssertNothingStoredAsync(TestTenant tenant, IReadOnlyList<string> filesBefore)
    {
        await using var db = server.Db();
        Assert.Equal(0, await db.Videos.CountAsync(v => v.Tenant == tenant.Name));
        Assert.Equal(0, await db.Jobs.CountAsync(j => j.Tenant == tenant.Name));
        Assert.Equal(filesBefore, server.FilesOnDisk());
        Assert.Empty(Directory.Exists(server.UploadDirectory) ? Directory.EnumerateFileSystemEntries(server.UploadDirectory) : []);
        var list = await tenant.Reader.GetAsync<VideoLang.Api.Paging.Page<VideoSummary>>("/v1/videos");
        Assert.Empty(list.Items);
    }
}

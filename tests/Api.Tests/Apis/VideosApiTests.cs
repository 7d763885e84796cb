using System.Net;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Apis;

public sealed class VideosApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Upload_BecomesAReadyVideoWithTagsAndClipTimeRanges_WhenTheVideoIsGood()
    {
        var tenant = await server.NewTenantAsync();
        var source = server.Model.Videos[0];

        using var response = await tenant.Writer.UploadAsync(source.Path);
        var accepted = await response.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);
        Assert.Equal($"/v1/videos/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(VideoStatus.Pending, accepted.Status);
        Assert.Equal(source.FileName, accepted.OriginalName);
        Assert.NotNull(accepted.JobId);
        Assert.Equal($"/v1/jobs/{accepted.JobId}", accepted.Links.Job);

        var video = await tenant.Reader.WaitForVideoAsync(accepted.Id, server, tenant.Name);

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Null(video.FailureReason);
        Assert.Equal("h264", video.Metadata.Codec);
        Assert.Equal((96, 72), (video.Metadata.Width, video.Metadata.Height));
        Assert.InRange(video.Metadata.DurationSeconds!.Value, 2.9, 3.1);
        Assert.Equal(new FileInfo(source.Path).Length, video.Metadata.SizeBytes);
        var duration = video.Metadata.DurationSeconds.Value;
        Assert.NotEmpty(video.Tags);
        Assert.Equal(video.Tags.OrderByDescending(t => t.Score).Select(t => t.Label), video.Tags.Select(t => t.Label));
        Assert.All(video.Tags, tag =>
        {
            Assert.InRange(tag.Score, 0, 1);
            Assert.InRange(tag.StartSeconds, 0, duration);
            Assert.InRange(tag.EndSeconds, tag.StartSeconds, duration + 0.01);
            Assert.Equal(TrainedModel.ClipCount, tag.Clips.Count);
            var best = Assert.Single(tag.Clips, c => c.Clip == tag.Clip);
            Assert.Equal((tag.StartSeconds, tag.EndSeconds), (best.StartSeconds, best.EndSeconds));
        });
        var job = await tenant.Reader.GetAsync<JobDetails>(accepted.Links.Job!);
        Assert.Equal((JobKind.Ingest, JobStatus.Succeeded, 1), (job.Kind, job.Status, job.Attempts));
        Assert.Equal(JobOutcome.Succeeded, Assert.Single(job.History).Outcome);
        Assert.Equal($"/v1/videos/{video.Id}", job.Links.Subject);
    }

    [Fact]
    public async Task Upload_CreatesOneVideoAndOneJob_WhenTheSameIdempotencyKeyIsSentTwice()
    {
        var tenant = await server.NewTenantAsync();
        var path = server.Model.Videos[1].Path;

        using var first = await tenant.Writer.UploadAsync(path, idempotencyKey: "upload-42");
        using var second = await tenant.Writer.UploadAsync(path, idempotencyKey: "upload-42");

        var created = await first.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);
        var replayed = await second.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);
        Assert.Equal(created.Id, replayed.Id);
        Assert.Equal(created.JobId, replayed.JobId);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        await using var db = server.Db();
        Assert.Equal(1, await db.Videos.CountAsync(v => v.Tenant == tenant.Name));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Tenant == tenant.Name));
    }

    [Fact]
    public async Task Upload_Returns400_WhenTheIdempotencyKeyIsNotUsable()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Writer.UploadAsync(server.Model.Videos[1].Path, idempotencyKey: new string('k', 300));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Returns422_WhenAnIdempotencyKeyIsReusedForAnotherFile()
    {
        var tenant = await server.NewTenantAsync();
        using var first = await tenant.Writer.UploadAsync(server.Model.Videos[1].Path, idempotencyKey: "reused");
        await first.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);

        using var second = await tenant.Writer.UploadAsync(server.Model.Videos[2].Path, idempotencyKey: "reused");

        var problem = await second.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("new key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = server.Db();
        Assert.Equal(1, await db.Videos.CountAsync(v => v.Tenant == tenant.Name));
    }

    [Fact]
    public async Task Upload_Returns200WithTheExistingVideo_WhenTheTenantAlreadyHasTheContent()
    {
        var tenant = await server.NewTenantAsync();
        var path = server.Model.Videos[2].Path;
        var first = await tenant.Writer.UploadNewAsync(path);

        using var again = await tenant.Writer.UploadAsync(path, fileName: "same-content-other-name.mp4");

        var existing = await again.ReadAsync<VideoSummary>(HttpStatusCode.OK);
        Assert.Equal(first.Id, existing.Id);
        Assert.Equal(first.JobId, existing.JobId);
        Assert.Equal(Path.GetFileName(path), existing.OriginalName);
        Assert.Empty(Directory.EnumerateFiles(server.UploadDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task List_ReturnsEveryVideoExactlyOnce_WhenPagedWithTheCursor()
    {
        var tenant = await server.NewTenantAsync();
        var uploaded = new List<Guid>();
        foreach (var video in server.Model.Videos.Take(5))
        {
            uploaded.Add((await tenant.Writer.UploadNewAsync(video.Path)).Id);
        }

        var seen = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await tenant.Reader.GetAsync<Page<VideoSummary>>($"/v1/videos?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(v => v.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(uploaded.Order(), seen.Order());
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        // Newest first.
        Assert.Equal(Enumerable.Reverse(uploaded), seen);
    }

    [Fact]
    public async Task List_FiltersByStatus_AndRefusesBadParametersWith400()
    {
        var tenant = await server.NewTenantAsync();
        var ready = (await tenant.IngestAsync(server, [server.Model.Videos[3].Path])).Single();

        var readyPage = await tenant.Reader.GetAsync<Page<VideoSummary>>("/v1/videos?status=ready");
        var failedPage = await tenant.Reader.GetAsync<Page<VideoSummary>>("/v1/videos?status=failed");

        Assert.Equal(ready.Id, Assert.Single(readyPage.Items).Id);
        Assert.Null(readyPage.NextCursor);
        Assert.Empty(failedPage.Items);
        foreach (var query in new[] { "status=done", "limit=0", "limit=101", "cursor=not-a-cursor", "limit=many" })
        {
            using var response = await tenant.Reader.GetAsync($"/v1/videos?{query}");
            await response.ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Delete_RemovesTheVideoItsJobsAndItsStoredFile_WhenNoOtherVideoSharesIt()
    {
        var tenant = await server.NewTenantAsync();
        var video = (await tenant.IngestAsync(server, [server.Model.SpareVideos[0]])).Single();
        string stored;
        await using (var db = server.Db())
        {
            stored = (await db.Videos.SingleAsync(v => v.Id == video.Id)).StoredPath;
        }
        Assert.True(File.Exists(stored));

        using var deleted = await tenant.Writer.DeleteAsync($"/v1/videos/{video.Id}");
        using var gone = await tenant.Reader.GetAsync($"/v1/videos/{video.Id}");
        using var again = await tenant.Writer.DeleteAsync($"/v1/videos/{video.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ProblemAsync(HttpStatusCode.NotFound);
        await again.ProblemAsync(HttpStatusCode.NotFound);
        Assert.False(File.Exists(stored));
        await using var check = server.Db();
        Assert.Equal(0, await check.Jobs.CountAsync(j => j.Tenant == tenant.Name));
    }
}

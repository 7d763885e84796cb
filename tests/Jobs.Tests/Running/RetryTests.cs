using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Running;

/// <summary>The transient fault here is real: the stored file is away (an unmounted volume), then back or not.</summary>
public sealed class RetryTests : JobsDatabase
{
    [Fact]
    public async Task Ingest_RetriesThenSucceeds_WhenStoredFileComesBack()
    {
        var added = await AddWithFileAwayAsync(Media.Videos[3]);
        var options = TestOptions();
        options.MaxAttempts = 10;
        await WorkerAsync(options);

        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Attempts >= 2 && j.Status == JobStatus.Retrying), what: "a second attempt");
        File.Move(added.Video.StoredPath + ".away", added.Video.StoredPath);
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "the retried ingest to succeed");

        await using var db = Db();
        var attempts = await db.JobAttempts.OrderBy(a => a.Attempt).ToListAsync();
        Assert.True(attempts.Count >= 3);
        Assert.All(attempts[..^1], a => Assert.Equal(JobOutcome.Retried, a.Outcome));
        Assert.All(attempts[..^1], a => Assert.Contains("missing", a.Error, StringComparison.Ordinal));
        Assert.Equal(JobOutcome.Succeeded, attempts[^1].Outcome);
        Assert.Equal(VideoStatus.Ready, (await db.Videos.SingleAsync()).Status);
        // Back-off: each retry waited longer than the one before (200 ms doubling, ±20%).
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.StartedAt - a.FinishedAt!.Value).TotalMilliseconds).ToArray();
        Assert.True(gaps[0] >= 150, $"first back-off {gaps[0]} ms");
    }

    [Fact]
    public async Task Ingest_FailsAfterTheCap_WhenFaultPersists()
    {
        await AddWithFileAwayAsync(Media.Videos[4]);
        await WorkerAsync();

        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Failed), what: "the job to give up");

        await using var db = Db();
        var job = await db.Jobs.SingleAsync();
        Assert.Equal(3, job.Attempts);
        Assert.StartsWith("Gave up after 3 attempts", job.LastError, StringComparison.Ordinal);
        Assert.Equal(3, await db.JobAttempts.CountAsync());
        var video = await db.Videos.SingleAsync();
        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.Contains("missing", video.FailureReason, StringComparison.Ordinal);
        // Nothing more is scheduled for it.
        await Task.Delay(1500);
        Assert.Equal(3, await db.JobAttempts.CountAsync());
    }

    [Fact]
    public async Task AddAsync_QueuesAnotherIngest_WhenTheSameFailedVideoIsSentAgain()
    {
        var added = await AddWithFileAwayAsync(Media.Videos[5]);
        var services = await WorkerAsync();
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Failed), what: "the job to give up");
        File.Move(added.Video.StoredPath + ".away", added.Video.StoredPath);

        var again = await services.GetRequiredService<VideoLibrary>().AddAsync("acme", Media.Videos[5], "v.mp4");
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "the second ingest");

        Assert.False(again.Created);
        Assert.Equal(added.Video.Id, again.Video.Id);
        Assert.NotEqual(added.Job!.Id, again.Job!.Id);
        await using var db = Db();
        var video = await db.Videos.SingleAsync();
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Null(video.FailureReason);
    }

    // Adds the video through a client process (no worker yet), then takes its stored file away.
    private async Task<AddedVideo> AddWithFileAwayAsync(string source)
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();
        var added = await library.AddAsync("acme", source, "v.mp4");
        File.Move(added.Video.StoredPath, added.Video.StoredPath + ".away");
        return added;
    }
}

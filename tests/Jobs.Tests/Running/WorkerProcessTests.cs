using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Running;

/// <summary>Worker processes sharing one database: killed mid-job, and two at once on one queue.</summary>
public sealed class WorkerProcessTests : JobsDatabase
{
    [Fact]
    public async Task KilledWorker_HasItsJobsCompletedExactlyOnce_AfterARestart()
    {
        var videos = await EnqueueAsync(6);
        Guid interruptedJob;
        using (var first = WorkerProcess.Start(ConnectionString, TestOptions(), Path.Combine(Scratch, "worker-1.log")))
        {
            await WaitUntilAsync(async db => await db.JobAttempts.AnyAsync(a => a.Outcome == JobOutcome.Running), what: "an ingest to start");
            first.Kill();
            await using var db = Db();
            interruptedJob = (await db.JobAttempts.FirstAsync(a => a.Outcome == JobOutcome.Running)).JobId;
        }

        using var second = WorkerProcess.Start(ConnectionString, TestOptions(), Path.Combine(Scratch, "worker-2.log"));
        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == videos.Length, seconds: 120, what: "every job after the restart");

        await AssertEachJobSucceededOnceAsync(videos);
        await using var check = Db();
        var attempts = await check.JobAttempts.Where(a => a.JobId == interruptedJob).OrderBy(a => a.Attempt).ToListAsync();
        Assert.Equal(JobOutcome.Interrupted, attempts[0].Outcome);
        Assert.Equal(JobOutcome.Succeeded, attempts[^1].Outcome);
        Assert.NotEqual(attempts[0].WorkerId, attempts[^1].WorkerId);
    }

    [Fact]
    public async Task TwoWorkers_NeverRunTheSameJob()
    {
        var videos = await EnqueueAsync(6);
        using var one = WorkerProcess.Start(ConnectionString, TestOptions(), Path.Combine(Scratch, "worker-a.log"));
        using var two = WorkerProcess.Start(ConnectionString, TestOptions(), Path.Combine(Scratch, "worker-b.log"));

        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == videos.Length, seconds: 120, what: "every job");

        await AssertEachJobSucceededOnceAsync(videos);
        await using var db = Db();
        var attempts = await db.JobAttempts.OrderBy(a => a.StartedAt).ToListAsync();
        Assert.True(videos.Length == attempts.Count, $"{attempts.Count} attempts for {videos.Length} jobs: " +
            string.Join("; ", attempts.Select(a => $"{a.JobId} #{a.Attempt} {a.WorkerId} {a.StartedAt:HH:mm:ss.fff}-{a.FinishedAt:HH:mm:ss.fff} {a.Outcome} {a.Error}"))
            + "\n--- worker a ---\n" + one.Log() + "\n--- worker b ---\n" + two.Log());
    }

    private async Task<Guid[]> EnqueueAsync(int count)
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();
        var ids = new List<Guid>();
        foreach (var video in Media.Videos.Take(count))
        {
            ids.Add((await library.AddAsync("acme", video, Path.GetFileName(video))).Video.Id);
        }
        return ids.ToArray();
    }

    private async Task AssertEachJobSucceededOnceAsync(Guid[] videos)
    {
        await using var db = Db();
        foreach (var id in videos)
        {
            var video = await db.Videos.Include(v => v.Clips).Include(v => v.Tags).SingleAsync(v => v.Id == id);
            Assert.Equal(VideoStatus.Ready, video.Status);
            Assert.Equal([0, 1], video.Clips.Select(c => c.Index).Order());
            Assert.Equal(TestModel.Tags.Length, video.Tags.Count);
        }
        var succeeded = await db.JobAttempts.Where(a => a.Outcome == JobOutcome.Succeeded).GroupBy(a => a.JobId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(videos.Length, succeeded.Count);
        Assert.All(succeeded, n => Assert.Equal(1, n));
        Assert.Equal(0, await db.JobAttempts.CountAsync(a => a.Outcome == JobOutcome.Running));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Tests.Postgres;

namespace VideoLang.Jobs.Tests.Running;

/// <summary>The test run's own PostgreSQL server stopped and started while a worker process is ingesting.</summary>
public sealed class DatabaseRestartTests : JobsDatabase
{
    [Fact]
    public async Task Worker_FinishesEveryJobAndLeavesNoneRunning_WhenPostgresRestartsMidIngest()
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();
        var videos = new List<Guid>();
        foreach (var file in Media.Videos)
        {
            videos.Add((await library.AddAsync("acme", file, Path.GetFileName(file))).Video.Id);
        }
        using var worker = WorkerProcess.Start(ConnectionString, TestOptions(), Path.Combine(Scratch, "worker.log"));
        await WaitUntilAsync(async db => await db.JobAttempts.AnyAsync(a => a.Outcome == JobOutcome.Running), what: "an ingest to start");

        await (await TestPostgresServer.SharedAsync()).RestartAsync(TimeSpan.FromSeconds(8));
        // This process's pooled connections died with the server; the worker's are its own business.
        NpgsqlConnection.ClearAllPools();

        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == videos.Count, seconds: 180,
            what: "every job after the restart\n" + worker.Log());
        await using var check = Db();
        Assert.Equal(0, await check.Jobs.CountAsync(j => j.Status == JobStatus.Running || j.Status == JobStatus.Queued || j.Status == JobStatus.Retrying));
        Assert.Equal(0, await check.JobAttempts.CountAsync(a => a.Outcome == JobOutcome.Running));
        foreach (var id in videos)
        {
            var video = await check.Videos.Include(v => v.Clips).Include(v => v.Tags).SingleAsync(v => v.Id == id);
            Assert.Equal(VideoStatus.Ready, video.Status);
            Assert.Equal([0, 1], video.Clips.Select(c => c.Index).Order());
            Assert.Equal(TestModel.Tags.Length, video.Tags.Count);
        }
        Assert.All(await check.JobAttempts.Where(a => a.Outcome == JobOutcome.Succeeded).GroupBy(a => a.JobId).Select(g => g.Count()).ToListAsync(), n => Assert.Equal(1, n));
    }
}

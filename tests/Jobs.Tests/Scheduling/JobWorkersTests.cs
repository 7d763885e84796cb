using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Scheduling;

/// <summary>What /readyz and the "no worker" warning read: waiting jobs against live worker processes.</summary>
public sealed class JobWorkersTests : JobsDatabase
{
    [Fact]
    public async Task CheckAsync_SaysStalled_WhenJobsWaitWithNoWorker_ThenNotOnceOneRuns()
    {
        var client = await ClientAsync();
        await client.GetRequiredService<VideoLibrary>().AddAsync("acme", Media.Videos[1], "v.mp4");
        var workers = client.GetRequiredService<JobWorkers>();

        var before = await workers.CheckAsync();
        await WorkerAsync();
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "the ingest");
        var after = await workers.CheckAsync();

        Assert.True(before.Stalled);
        Assert.Equal(1, before.Waiting);
        Assert.Equal(0, before.LiveWorkers);
        Assert.NotNull(before.OldestQueuedAt);
        Assert.False(after.Stalled);
        Assert.Equal(0, after.Waiting);
        Assert.Equal(1, after.LiveWorkers);
    }
}

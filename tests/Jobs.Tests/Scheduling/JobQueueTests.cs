using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Scheduling;

/// <summary>A job row and its Hangfire job commit together: neither without the other, whichever side fails.</summary>
public sealed class JobQueueTests : JobsDatabase
{
    [Fact]
    public async Task SaveChanges_PutsTheJobOnHangfiresQueueInTheSameCommit_WhenAJobRowIsAdded()
    {
        var services = await ClientAsync();
        var videoId = await AddVideoAsync(services, "same-commit");

        // No ScheduleAsync: saving the row is all it takes.
        var jobId = await AddJobAsync(services, videoId);

        await using (var db = Db())
        {
            var job = await db.Jobs.SingleAsync(j => j.Id == jobId);
            Assert.NotNull(job.BackgroundJobId);
            Assert.Equal("Enqueued", await ScalarAsync<string>($"SELECT statename FROM hangfire.job WHERE id = {job.BackgroundJobId}"));
        }
        await WorkerAsync();
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Id == jobId && j.Status == JobStatus.Succeeded), what: "the job saved without ScheduleAsync");
    }

    [Fact]
    public async Task SaveChanges_LeavesNoHangfireJob_WhenTheRowsCommitFails()
    {
        var services = await ClientAsync();
        var videoId = await AddVideoAsync(services, "row-fails");
        var queue = services.GetRequiredService<JobQueue>();
        await using var db = await services.GetRequiredService<IDbContextFactory<VideoLangDbContext>>().CreateDbContextAsync();
        var job = queue.Create("acme", JobKind.Ingest, videoId);
        db.Jobs.Add(job);
        // Same id: the primary key refuses the second row, after the job row and its Hangfire job were written.
        db.Videos.Add(NewVideo(videoId, "duplicate"));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Null(job.BackgroundJobId);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM jobs"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hangfire.job"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hangfire.jobqueue"));
    }

    [Fact]
    public async Task SaveChanges_LeavesNoJobRow_WhenHangfireCannotEnqueue()
    {
        var services = await ClientAsync();
        var videoId = await AddVideoAsync(services, "queue-fails");
        await ScalarAsync<int>("ALTER TABLE hangfire.jobqueue RENAME TO jobqueue_away; SELECT 1");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => AddJobAsync(services, videoId));
        }
        finally
        {
            await ScalarAsync<int>("ALTER TABLE hangfire.jobqueue_away RENAME TO jobqueue; SELECT 1");
        }

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM jobs"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hangfire.job"));
    }

    [Fact]
    public async Task ScheduleAsync_QueuesOnce_WhenTheRowWasCommittedWithoutTheServicesContext()
    {
        var services = await ClientAsync();
        var videoId = await AddVideoAsync(services, "plain-context");
        var queue = services.GetRequiredService<JobQueue>();
        var job = queue.Create("acme", JobKind.Ingest, videoId);
        await using (var db = Db())
        {
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(queue.ScheduleAsync(job.Id), queue.ScheduleAsync(job.Id), queue.ScheduleAsync(job.Id));

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM hangfire.job"));
        await using var check = Db();
        Assert.Equal(await ScalarAsync<long>("SELECT id FROM hangfire.job"), (await check.Jobs.SingleAsync()).BackgroundJobId);
    }

    private async Task<Guid> AddVideoAsync(IServiceProvider services, string name)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<VideoLangDbContext>>().CreateDbContextAsync();
        var video = NewVideo(Guid.NewGuid(), name);
        db.Videos.Add(video);
        await db.SaveChangesAsync();
        return video.Id;
    }

    private static async Task<Guid> AddJobAsync(IServiceProvider services, Guid videoId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<VideoLangDbContext>>().CreateDbContextAsync();
        var job = services.GetRequiredService<JobQueue>().Create("acme", JobKind.Ingest, videoId);
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }

    private Video NewVideo(Guid id, string name) => new()
    {
        Id = id,
        Tenant = "acme",
        Sha256 = name,
        OriginalName = name + ".mp4",
        StoredPath = Media.Videos[0],
        SizeBytes = new FileInfo(Media.Videos[0]).Length,
        Status = VideoStatus.Pending,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

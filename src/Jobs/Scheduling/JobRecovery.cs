using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Runs in every worker process, once per keep-alive period (a fifth of the invisibility timeout), and
/// makes sure no job waits on a worker that is gone:
/// <list type="bullet">
/// <item>A queue entry whose worker has not renewed it for a whole <see cref="WorkerOptions.InvisibilityTimeout"/>
/// (killed, frozen, cut off) is handed to the <see cref="HangfireQueues.Abandoned"/> queue, ahead of new
/// work. Hangfire would run it again too, but only after every job that has never been fetched.</item>
/// <item>A job row that is not finished while its Hangfire job is (or is gone, or never existed: a
/// row committed outside <see cref="JobEnqueueInterceptor"/> whose process died before
/// <see cref="JobQueue.ScheduleAsync"/>, or a row left by Quartz before an upgrade) is queued again.
/// Its handler is idempotent, so a second run finishes what the first left.</item>
/// </list>
/// Both steps are single conditional statements, so workers running them at the same time do each job once.
/// </summary>
internal sealed class JobRecovery(IDbContextFactory<VideoLangDbContext> contexts, JobQueue queue, IOptions<WorkerOptions> options, ILogger<JobRecovery> logger)
    : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.InvisibilityTimeout / 5);
        do
        {
            try
            {
                await RequeueAbandonedAsync(stoppingToken);
                await RequeueOrphansAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next pass tries again: a database restart must not stop recovery.
                Log.RecoveryCheckFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Moves queue entries no live worker holds to the front; returns their Hangfire ids.</summary>
    internal async Task<IReadOnlyList<long>> RequeueAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seconds = _options.InvisibilityTimeout.TotalSeconds;
        // REVIEW: writes Hangfire.PostgreSql's jobqueue table (pinned at 1.21.1), which has no API for
        // it. The condition is the one its own fetch uses to take an entry from a silent worker, and a
        // live worker's renewal only matches the fetchedat it set, so nothing is taken from a live one.
        var moved = await db.Database.SqlQuery<long>($"""
            UPDATE hangfire.jobqueue SET queue = {HangfireQueues.Abandoned}, fetchedat = NULL
            WHERE fetchedat < now() - make_interval(secs => {seconds})
            RETURNING jobid AS "Value"
            """).ToListAsync(cancellationToken);
        foreach (var id in moved)
        {
            Log.JobAbandoned(logger, id, _options.InvisibilityTimeout);
        }
        return moved;
    }

    /// <summary>Queues job rows that no live Hangfire job will run; returns their ids.</summary>
    internal async Task<IReadOnlyList<Guid>> RequeueOrphansAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var orphans = await db.Database.SqlQuery<Orphan>($"""
            SELECT j.id AS "Id", j.background_job_id AS "BackgroundJobId", h.statename AS "State"
            FROM jobs j LEFT JOIN hangfire.job h ON h.id = j.background_job_id
            WHERE j.status IN ('Queued', 'Running', 'Retrying')
              AND (h.id IS NULL OR h.statename IN ('Succeeded', 'Failed', 'Deleted'))
            """).ToListAsync(cancellationToken);
        var requeued = new List<Guid>();
        foreach (var orphan in orphans)
        {
            if (await queue.ReplaceAsync(db, orphan.Id, orphan.BackgroundJobId, null, cancellationToken))
            {
                Log.JobOrphanRequeued(logger, orphan.Id, orphan.State ?? "no Hangfire job");
                requeued.Add(orphan.Id);
            }
        }
        return requeued;
    }

    private sealed record Orphan(Guid Id, long? BackgroundJobId, string? State);
}

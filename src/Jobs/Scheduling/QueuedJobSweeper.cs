using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Closes the gap between a job row and its Quartz trigger: a job that has waited a while as queued
/// or retrying with nothing in Quartz's tables for it (its process died between committing the row and
/// scheduling it) is scheduled again. Scheduling twice is harmless: the job body is idempotent and
/// non-concurrent.
/// </summary>
internal sealed class QueuedJobSweeper(IDbContextFactory<VideoLangDbContext> contexts, JobQueue queue, ILogger<QueuedJobSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next pass tries again; a database blip must not stop the worker.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var orphans = await db.Database.SqlQuery<Guid>($"""
            SELECT j.id AS "Value" FROM jobs j
            WHERE j.status IN ('Queued', 'Retrying')
              AND COALESCE(j.next_attempt_at, j.created_at) < now() - interval '30 seconds'
              AND NOT EXISTS (SELECT 1 FROM qrtz_job_details d WHERE d.job_name = j.id::text)
            """).ToListAsync(cancellationToken);
        foreach (var id in orphans)
        {
            await queue.ScheduleAsync(id, null, cancellationToken);
            Log.JobRescheduled(logger, id);
        }
        return orphans.Count;
    }
}

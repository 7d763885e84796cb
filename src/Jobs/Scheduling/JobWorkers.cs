using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Whether anything is running the queue: the waiting jobs against the worker processes Hangfire
/// lists as alive (heartbeat within <see cref="WorkerOptions.HeartbeatInterval"/> × 6). Read by
/// <c>/readyz</c> and by the warning every process logs while jobs wait with no worker.
/// </summary>
public sealed class JobWorkers
{
    private readonly IDbContextFactory<VideoLangDbContext> _contexts;
    private readonly WorkerOptions _options;

    internal JobWorkers(IDbContextFactory<VideoLangDbContext> contexts, IOptions<WorkerOptions> options)
    {
        _contexts = contexts;
        _options = options.Value;
    }

    public async Task<JobBacklog> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var seconds = _options.ServerTimeout.TotalSeconds;
        var rows = await db.Database.SqlQuery<JobBacklog>($"""
            SELECT
              (SELECT count(*)::int FROM jobs WHERE status = 'Queued' OR (status = 'Retrying' AND next_attempt_at <= now())) AS "Waiting",
              (SELECT count(*)::int FROM hangfire.server WHERE lastheartbeat > now() - make_interval(secs => {seconds})) AS "LiveWorkers",
              (SELECT min(created_at) FROM jobs WHERE status = 'Queued') AS "OldestQueuedAt"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }
}

using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Puts work on the cluster's queue (Hangfire, in the same database). A job is the <see cref="Job"/>
/// row users see, added with <see cref="Create"/> to the context that saves its subject. Saving that
/// context also creates the Hangfire job, in the same transaction (<see cref="JobEnqueueInterceptor"/>),
/// so a committed row is always on the queue and a rolled-back one never is. <see cref="ScheduleAsync"/>
/// queues a row that was committed some other way (its own transaction, a context made without the
/// service's options); for a row already queued it does nothing.
/// </summary>
public sealed class JobQueue
{
    private readonly IDbContextFactory<VideoLangDbContext> _contexts;
    private readonly HangfireEnqueuer _enqueuer;
    private readonly TimeProvider _time;

    internal JobQueue(IDbContextFactory<VideoLangDbContext> contexts, HangfireEnqueuer enqueuer, TimeProvider time)
    {
        _contexts = contexts;
        _enqueuer = enqueuer;
        _time = time;
    }

    /// <summary>A new queued job row; add it to the context that saves its subject.</summary>
    public Job Create(string tenant, JobKind kind, Guid subjectId) => new()
    {
        Id = Guid.CreateVersion7(),
        Tenant = tenant,
        Kind = kind,
        SubjectId = subjectId,
        Status = JobStatus.Queued,
        CreatedAt = _time.GetUtcNow(),
    };

    /// <summary>
    /// Makes sure a committed job is on the queue: to run now, or at <paramref name="at"/> (which replaces
    /// any earlier queue entry). Nothing happens for a job that is already queued with no new time, has
    /// finished, or does not exist.
    /// </summary>
    public async Task ScheduleAsync(Guid jobId, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.Status, j.BackgroundJobId }).SingleOrDefaultAsync(cancellationToken);
        if (job is null || IsFinished(job.Status) || (job.BackgroundJobId is not null && at is null))
        {
            return;
        }
        await ReplaceAsync(db, jobId, job.BackgroundJobId, at, cancellationToken);
    }

    /// <summary>
    /// Gives a job a new Hangfire job in place of <paramref name="expected"/> (null: none yet), in one
    /// transaction that commits only if the row still names <paramref name="expected"/> and has not
    /// finished, so callers racing to do this (a request and the recovery check) queue it once.
    /// False when another caller won or the job has finished.
    /// </summary>
    internal async Task<bool> ReplaceAsync(VideoLangDbContext db, Guid jobId, long? expected, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var transaction = await EnlistedTransaction.BeginAsync(db, cancellationToken);
        var id = transaction.Run(() => _enqueuer.Enqueue(transaction.Connection, jobId, at));
        var updated = await db.Jobs
            .Where(j => j.Id == jobId && j.BackgroundJobId == expected && j.Status != JobStatus.Succeeded && j.Status != JobStatus.Failed && j.Status != JobStatus.Cancelled)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.BackgroundJobId, id), cancellationToken);
        if (updated == 0)
        {
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    internal static bool IsFinished(JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}

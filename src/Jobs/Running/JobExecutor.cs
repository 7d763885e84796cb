using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Running;

/// <summary>
/// Runs one attempt of a job (called by Hangfire through <see cref="VideoLangJob"/>): records the
/// attempt, calls the job's handler, and settles the outcome on the row: succeeded; retrying after a
/// back-off for a retryable fault while attempts remain; or failed with the reason on the job and on
/// its subject. What it throws tells Hangfire's <see cref="RetryFilter"/> what to do next. An attempt
/// left "running" by a dead worker is marked interrupted by the run that recovers it.
/// </summary>
internal sealed class JobExecutor(
    IDbContextFactory<VideoLangDbContext> contexts,
    IEnumerable<IJobHandler> handlers,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<JobExecutor> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>Names this process in job attempts: host and process id.</summary>
    public static string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <param name="jobId">The job row.</param>
    /// <param name="backgroundJobId">The Hangfire job running it; an entry the row no longer names does nothing.</param>
    /// <param name="cancellationToken">Cancelled when the worker stops.</param>
    public async Task RunAsync(Guid jobId, long? backgroundJobId, CancellationToken cancellationToken)
    {
        var started = await BeginAsync(jobId, backgroundJobId, cancellationToken);
        if (started is not { } job)
        {
            return;
        }
        var handler = handlers.SingleOrDefault(h => h.Kind == job.Kind)
            ?? throw new InvalidOperationException($"No handler for {job.Kind} jobs is registered.");
        Log.JobStarted(logger, job.Kind, job.Id, job.Attempts);
        try
        {
            var outcome = await handler.RunAsync(job, cancellationToken);
            var status = outcome == JobOutcome.Cancelled ? JobStatus.Cancelled : JobStatus.Succeeded;
            await FinishAsync(job, status, outcome, null, null);
            Log.JobFinished(logger, job.Kind, job.Id, status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping (Hangfire puts the job back on the queue), or Hangfire aborted this
            // run because another worker took the job over: not counted as a failure either way.
            await FinishAsync(job, JobStatus.Queued, JobOutcome.Interrupted, "The worker stopped, or another worker took the job over; it runs again.", null);
            throw;
        }
        catch (Exception fault)
        {
            throw await SettleFaultAsync(job, handler, fault);
        }
    }

    // Records the fault and returns what to throw to Hangfire. Should recording fail (the database
    // away), that exception goes to Hangfire instead and the attempt is simply run again later.
    private async Task<Exception> SettleFaultAsync(Job job, IJobHandler handler, Exception fault)
    {
        var retryable = RetryPolicy.IsRetryable(fault);
        if (retryable && job.Attempts < _options.MaxAttempts)
        {
            var delay = RetryPolicy.Delay(job.Attempts, _options);
            var at = time.GetUtcNow() + delay;
            Log.JobRetrying(logger, job.Kind, job.Id, job.Attempts, at, fault);
            await FinishAsync(job, JobStatus.Retrying, JobOutcome.Retried, fault.Message, at);
            return new RetryLaterException(delay, fault.Message, fault);
        }
        var reason = retryable ? $"Gave up after {job.Attempts} attempts: {fault.Message}" : fault.Message;
        Log.JobFailed(logger, job.Kind, job.Id, job.Attempts, fault);
        await handler.FailAsync(job, reason, CancellationToken.None);
        await FinishAsync(job, JobStatus.Failed, JobOutcome.Failed, reason, null);
        return new JobFailedException(reason, fault);
    }

    private async Task<Job?> BeginAsync(Guid jobId, long? backgroundJobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || JobQueue.IsFinished(job.Status) || (backgroundJobId is not null && job.BackgroundJobId != backgroundJobId))
        {
            // Deleted with its subject; settled by an earlier run of a recovered queue entry (Hangfire
            // runs a job at least once); or replaced by a newer queue entry.
            return null;
        }
        var now = time.GetUtcNow();
        await db.JobAttempts.Where(a => a.JobId == jobId && a.Outcome == JobOutcome.Running)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Outcome, JobOutcome.Interrupted).SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.Error, "The worker running this attempt stopped before it finished."), cancellationToken);
        job.Attempts++;
        job.Status = JobStatus.Running;
        job.StartedAt ??= now;
        job.NextAttemptAt = null;
        db.JobAttempts.Add(new JobAttempt { JobId = jobId, Attempt = job.Attempts, WorkerId = WorkerId, StartedAt = now, Outcome = JobOutcome.Running });
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    private async Task FinishAsync(Job job, JobStatus status, JobOutcome outcome, string? error, DateTimeOffset? nextAttempt)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var now = time.GetUtcNow();
        var terminal = status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
        await db.JobAttempts.Where(a => a.JobId == job.Id && a.Attempt == job.Attempts)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Outcome, outcome).SetProperty(x => x.FinishedAt, now).SetProperty(x => x.Error, error));
        // Only while this is the job's latest attempt: a run that lost its queue entry to another
        // worker (a stall longer than the invisibility timeout) must not overwrite the newer run's status.
        await db.Jobs.Where(j => j.Id == job.Id && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.Status, status)
                .SetProperty(x => x.LastError, x => error ?? x.LastError)
                .SetProperty(x => x.NextAttemptAt, nextAttempt)
                .SetProperty(x => x.FinishedAt, terminal ? now : null));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Running;

/// <summary>
/// Runs one attempt of a job: records the attempt, calls the job's handler, and settles the outcome:
/// succeeded; retried after a back-off for a retryable fault while attempts remain; or failed with
/// the reason on the job and on its subject. An attempt left "running" by a dead worker is marked
/// interrupted by the run that recovers it.
/// </summary>
internal sealed class JobExecutor(
    IDbContextFactory<VideoLangDbContext> contexts,
    IEnumerable<IJobHandler> handlers,
    JobQueue queue,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<JobExecutor> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>Names this process in job attempts: host and process id.</summary>
    public static string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var started = await BeginAsync(jobId, cancellationToken);
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
            // The worker is stopping: give the job back to the queue, not counted as a failure.
            await FinishAsync(job, JobStatus.Queued, JobOutcome.Interrupted, "The worker stopped; the job was put back on the queue.", null);
            await queue.ScheduleAsync(job.Id, null, CancellationToken.None);
        }
        catch (Exception fault)
        {
            await SettleFaultAsync(job, handler, fault);
        }
    }

    private async Task SettleFaultAsync(Job job, IJobHandler handler, Exception fault)
    {
        var retryable = RetryPolicy.IsRetryable(fault);
        if (retryable && job.Attempts < _options.MaxAttempts)
        {
            var at = time.GetUtcNow() + RetryPolicy.Delay(job.Attempts, _options);
            Log.JobRetrying(logger, job.Kind, job.Id, job.Attempts, at, fault);
            await FinishAsync(job, JobStatus.Retrying, JobOutcome.Retried, fault.Message, at);
            await queue.ScheduleAsync(job.Id, at, CancellationToken.None);
            return;
        }
        var reason = retryable ? $"Gave up after {job.Attempts} attempts: {fault.Message}" : fault.Message;
        Log.JobFailed(logger, job.Kind, job.Id, job.Attempts, fault);
        await handler.FailAsync(job, reason, CancellationToken.None);
        await FinishAsync(job, JobStatus.Failed, JobOutcome.Failed, reason, null);
    }

    private async Task<Job?> BeginAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
        {
            // Deleted with its subject, or settled by an earlier run whose trigger was recovered.
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
        await db.Jobs.Where(j => j.Id == job.Id)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.Status, status)
                .SetProperty(x => x.LastError, x => error ?? x.LastError)
                .SetProperty(x => x.NextAttemptAt, nextAttempt)
                .SetProperty(x => x.FinishedAt, terminal ? now : null));
    }
}

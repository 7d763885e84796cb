using Microsoft.Extensions.Logging;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs;

/// <summary>The job system's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Kind} job {JobId} started (attempt {Attempt})")]
    public static partial void JobStarted(ILogger logger, JobKind kind, Guid jobId, int attempt);

    [LoggerMessage(2, LogLevel.Information, "{Kind} job {JobId} finished: {Status}")]
    public static partial void JobFinished(ILogger logger, JobKind kind, Guid jobId, JobStatus status);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} job {JobId} attempt {Attempt} hit a retryable fault; next attempt at {NextAttempt:O}")]
    public static partial void JobRetrying(ILogger logger, JobKind kind, Guid jobId, int attempt, DateTimeOffset nextAttempt, Exception fault);

    [LoggerMessage(4, LogLevel.Error, "{Kind} job {JobId} failed after {Attempts} attempt(s)")]
    public static partial void JobFailed(ILogger logger, JobKind kind, Guid jobId, int attempts, Exception fault);

    [LoggerMessage(5, LogLevel.Information, "Loaded model {Name} ({ModelId}) from {Path} on {Device}")]
    public static partial void ModelLoaded(ILogger logger, string name, Guid modelId, string path, string device);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId} was not going to run ({State}); queued it again")]
    public static partial void JobOrphanRequeued(ILogger logger, Guid jobId, string state);

    [LoggerMessage(8, LogLevel.Warning, "Hangfire job {BackgroundJobId}'s worker gave no sign of life for {Timeout}; queued it ahead of new work")]
    public static partial void JobAbandoned(ILogger logger, long backgroundJobId, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Warning, "The job recovery check failed; it runs again shortly")]
    public static partial void RecoveryCheckFailed(ILogger logger, Exception fault);

    [LoggerMessage(10, LogLevel.Warning, "{Waiting} job(s) have been waiting since {OldestQueuedAt:O} and no worker is running: start `vlang worker`, or run `vlang serve` with Api:RunJobs=true")]
    public static partial void JobsWithoutWorker(ILogger logger, int waiting, DateTimeOffset? oldestQueuedAt);

    // ops/bench/ingest reads the three timings from this line: keep its wording.
    [LoggerMessage(7, LogLevel.Information, "Ingested video {VideoId}: {Clips} clips, {Tags} tags; decode {DecodeMs} ms, model {ModelMs} ms, database {DatabaseMs} ms")]
    public static partial void VideoIngested(ILogger logger, Guid videoId, int clips, int tags, long decodeMs, long modelMs, long databaseMs);

    [LoggerMessage(200, LogLevel.Information, "Clip index: {Added} rows added, {Reconciled} reconciled with the database; read up to row {Watermark}")]
    public static partial void ClipIndexSynced(ILogger logger, int added, int reconciled, long watermark);

    [LoggerMessage(201, LogLevel.Warning, "Clip index could not catch up with the database ({Reason}); search scans exactly until it does")]
    public static partial void ClipIndexSyncFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(202, LogLevel.Information, "Clip index of tenant {Tenant}, model {ModelId} loaded from its saved file: {Count} clips, rows up to {Watermark}")]
    public static partial void ClipIndexLoaded(ILogger logger, string tenant, Guid modelId, int count, long watermark);

    [LoggerMessage(203, LogLevel.Warning, "Saved clip index {Path} cannot be trusted ({Reason}); deleted, rebuilding from the database")]
    public static partial void ClipIndexFileDiscarded(ILogger logger, string path, string reason);

    [LoggerMessage(204, LogLevel.Warning, "Could not save the clip index under {Folder} ({Reason}); it stays in memory")]
    public static partial void ClipIndexSaveFailed(ILogger logger, string folder, string reason);
}

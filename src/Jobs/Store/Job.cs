namespace VideoLang.Jobs.Store;

/// <summary>
/// A unit of background work (ingest one video, answer one QA batch) as users see it: status,
/// attempts and the last error. Hangfire holds the queue entry; this row holds the truth the API reads.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }

    public required string Tenant { get; set; }

    public JobKind Kind { get; set; }

    /// <summary>The video or QA batch the job works on.</summary>
    public Guid SubjectId { get; set; }

    public JobStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the next attempt is due, while <see cref="Status"/> is Retrying.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>
    /// The Hangfire job that runs this one, written in the same transaction that put it on Hangfire's
    /// queue (so null means not queued yet). Its page is <c>/admin/jobs/jobs/details/{id}</c>.
    /// </summary>
    public long? BackgroundJobId { get; set; }
}

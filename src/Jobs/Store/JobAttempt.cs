namespace VideoLang.Jobs.Store;

/// <summary>One run of a job by one worker: when, where, how it ended. The audit trail for retries and recovery.</summary>
public sealed class JobAttempt
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public int Attempt { get; set; }

    public required string WorkerId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public JobOutcome Outcome { get; set; }

    public string? Error { get; set; }
}

using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>One attempt at a job: when it ran and how it ended.</summary>
public sealed record JobAttemptResult(int Attempt, JobOutcome Outcome, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    internal static JobAttemptResult From(JobAttempt attempt) => new(attempt.Attempt, attempt.Outcome, attempt.StartedAt, attempt.FinishedAt, attempt.Error);
}

using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>A background job: what it works on, its state, attempts (with each one's outcome), the last error and its timestamps.</summary>
public sealed record JobDetails(
    Guid Id,
    JobKind Kind,
    Guid SubjectId,
    JobStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<JobAttemptResult> History,
    JobLinks Links)
{
    internal static JobDetails From(Job job, IEnumerable<JobAttempt> attempts) =>
        new(job.Id, job.Kind, job.SubjectId, job.Status, job.Attempts, job.LastError, job.CreatedAt, job.StartedAt, job.FinishedAt, job.NextAttemptAt,
            attempts.OrderBy(a => a.Attempt).Select(JobAttemptResult.From).ToArray(), JobLinks.For(job));
}

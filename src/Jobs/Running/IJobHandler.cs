using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Running;

/// <summary>The body of one kind of job. Must be idempotent: a retried or recovered run may find part of its work done.</summary>
internal interface IJobHandler
{
    JobKind Kind { get; }

    /// <summary>Does the work; returns <see cref="JobOutcome.Succeeded"/> or <see cref="JobOutcome.Cancelled"/>. Throws to fail or retry (see <see cref="RetryPolicy"/>).</summary>
    Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken);

    /// <summary>Records the final failure on the job's subject (the video, the batch) so users see the reason there too.</summary>
    Task FailAsync(Job job, string reason, CancellationToken cancellationToken);
}

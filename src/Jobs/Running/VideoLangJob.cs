using System.ComponentModel;
using System.Globalization;
using Hangfire.Server;

namespace VideoLang.Jobs.Running;

/// <summary>
/// The one Hangfire job type: it carries a <see cref="Store.Job"/> id and hands it to
/// <see cref="JobExecutor"/>, with Hangfire's own id so a stale queue entry (one the row no longer
/// names) does nothing.
/// </summary>
internal sealed class VideoLangJob(JobExecutor executor)
{
    /// <param name="jobId">The <see cref="Store.Job"/> row.</param>
    /// <param name="context">Supplied by Hangfire when the job runs; null when enqueued.</param>
    /// <param name="cancellationToken">Supplied by Hangfire: cancelled when the worker stops.</param>
    [DisplayName("VideoLang job {0}")]
    public Task RunAsync(Guid jobId, PerformContext? context, CancellationToken cancellationToken) =>
        executor.RunAsync(jobId, context is null ? null : long.Parse(context.BackgroundJob.Id, CultureInfo.InvariantCulture), cancellationToken);
}

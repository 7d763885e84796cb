using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Logs a warning, every server timeout while it lasts, when jobs wait and no worker process is alive
/// (an API started with <c>Api:RunJobs=false</c> and no <c>vlang worker</c>): without it an upload just
/// stays queued with no hint why.
/// </summary>
internal sealed class StalledQueueWarning(JobWorkers workers, IOptions<WorkerOptions> options, ILogger<StalledQueueWarning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ServerTimeout);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var backlog = await workers.CheckAsync(stoppingToken);
                if (backlog.Stalled)
                {
                    Log.JobsWithoutWorker(logger, backlog.Waiting, backlog.OldestQueuedAt);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: /readyz says so; nothing to add here.
            }
        }
    }
}

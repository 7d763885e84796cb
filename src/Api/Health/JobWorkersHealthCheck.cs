using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoLang.Jobs.Scheduling;

namespace VideoLang.Api.Health;

/// <summary>
/// Degraded (still ready: the API itself works) when jobs wait and no worker process is alive to run
/// them, so an upload that stays queued has a visible reason. A database error is left to the
/// database check.
/// </summary>
internal sealed class JobWorkersHealthCheck(JobWorkers workers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var backlog = await workers.CheckAsync(cancellationToken);
            return backlog.Stalled
                ? HealthCheckResult.Degraded($"{backlog.Waiting} job(s) are waiting and no worker is running: start `vlang worker`, or run `vlang serve` with Api:RunJobs=true.")
                : HealthCheckResult.Healthy($"{backlog.LiveWorkers} worker process(es) alive; {backlog.Waiting} job(s) waiting.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"Could not read the job queue: {e.Message}", e);
        }
    }
}

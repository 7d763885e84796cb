using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Health;

/// <summary>Ready when the database answers and its schema is up to date.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<VideoLangDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not accept connections; check ConnectionStrings:VideoLang and that PostgreSQL is running.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            return pending.Length == 0
                ? HealthCheckResult.Healthy("The database answers and its schema is current.")
                : HealthCheckResult.Unhealthy($"The database schema is behind by {pending.Length} migration(s); run `vlang migrate` or restart the API.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The database cannot be reached: {e.Message}", e);
        }
    }
}

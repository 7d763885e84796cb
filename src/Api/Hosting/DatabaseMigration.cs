using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Hosting;

/// <summary>
/// Brings the database to the newest schema while the host is starting, before any other service
/// starts (the job scheduler needs its tables) and before the server takes requests. Safe when
/// several API and worker processes start at once: the migrator takes an advisory lock.
/// </summary>
internal sealed class DatabaseMigration(string connectionString, ILogger<DatabaseMigration> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var applied = await DatabaseMigrator.MigrateAsync(connectionString, cancellationToken);
        Log.DatabaseMigrated(logger, applied.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

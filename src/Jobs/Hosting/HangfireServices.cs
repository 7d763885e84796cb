using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Hosting;

/// <summary>
/// Hangfire's parts, each registered in this host's container rather than in Hangfire's process-wide
/// statics (<c>JobStorage.Current</c>, <c>GlobalJobFilters</c>): the tests run several hosts on
/// different databases in one process, and a service should not depend on which host started first.
/// </summary>
internal static class HangfireServices
{
    public static IServiceCollection AddHangfireQueue(this IServiceCollection services, string connectionString, WorkerOptions worker)
    {
        var options = HangfireStorageOptions.For(worker, installSchema: true);
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options));
        // Only our retry filter (Hangfire's AutomaticRetry is not in this list) and the dashboard's history.
        var filters = new JobFilterCollection();
        filters.Add(new RetryFilter(worker));
        filters.Add(new StatisticsHistoryAttribute());
        services.AddSingleton<IJobFilterProvider>(filters);
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        // Registers what the server and dashboard look for; the storage, filters and activator above take precedence.
        services.AddHangfire((_, _) => { });
        services.AddSingleton(provider => new HangfireEnqueuer(worker, provider.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton(provider => new JobEnqueueInterceptor(provider.GetRequiredService<HangfireEnqueuer>()));
        services.AddSingleton(provider => new JobQueue(
            provider.GetRequiredService<IDbContextFactory<VideoLangDbContext>>(), provider.GetRequiredService<HangfireEnqueuer>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            // The storage installs Hangfire's schema, whose server list this reads.
            provider.GetRequiredService<JobStorage>();
            return new JobWorkers(provider.GetRequiredService<IDbContextFactory<VideoLangDbContext>>(), provider.GetRequiredService<IOptions<WorkerOptions>>());
        });
        services.AddHostedService(provider => new StalledQueueWarning(
            provider.GetRequiredService<JobWorkers>(), provider.GetRequiredService<IOptions<WorkerOptions>>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StalledQueueWarning>>()));
        return services;
    }

    /// <summary>A worker process's Hangfire server: its threads, queues and clocks (each explained in <see cref="WorkerOptions"/>).</summary>
    public static void Configure(BackgroundJobServerOptions server, WorkerOptions worker)
    {
        server.WorkerCount = worker.Concurrency;
        server.Queues = HangfireQueues.All;
        server.SchedulePollingInterval = worker.PollInterval;
        server.HeartbeatInterval = worker.HeartbeatInterval;
        server.ServerCheckInterval = worker.HeartbeatInterval;
        server.ServerTimeout = worker.ServerTimeout;
        server.ServerName = $"{Environment.MachineName}/{Environment.ProcessId}";
    }
}

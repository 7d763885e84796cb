using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Tests.Postgres;

namespace VideoLang.Jobs.Tests.Fixtures;

/// <summary>
/// A test class's own migrated database on the run's PostgreSQL server, a scratch directory, the
/// shared media, and in-process workers (the same host a `vlang worker` process runs).
/// </summary>
public abstract class JobsDatabase : IAsyncLifetime
{
    private static readonly ILoggerFactory s_loggers = LoggerFactory.Create(_ => { });
    private readonly List<IHost> _hosts = [];

    protected string ConnectionString { get; private set; } = "";

    protected string Scratch { get; } = Directory.CreateTempSubdirectory("vl-jobs-").FullName;

    internal SharedMedia Media { get; private set; } = null!;

    /// <summary>Options fast enough for tests: short back-off, a short invisibility timeout and heartbeat.</summary>
    protected WorkerOptions TestOptions() => new()
    {
        StorageDirectory = Path.Combine(Scratch, "storage"),
        ClipCount = 2,
        TagThreshold = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        MaxAttempts = 3,
        // Long enough that two worker processes starting up (JIT, libtorch, ffmpeg) on a loaded two-core
        // machine still renew their jobs in time (5 s was not); short enough for the kill tests.
        InvisibilityTimeout = TimeSpan.FromSeconds(15),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        PollInterval = TimeSpan.FromMilliseconds(200),
        UseCuda = false,
    };

    public virtual async Task InitializeAsync()
    {
        var server = await TestPostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync(GetType().Name);
        await DatabaseMigrator.MigrateAsync(ConnectionString);
        Media = await SharedMedia.GetAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        // Idle pooled connections (EF's, Hangfire's workers and listener) would stay open five minutes
        // per test and exhaust the shared server's connections; connections in use elsewhere are untouched.
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Scratch, recursive: true);
    }

    /// <summary>Services of a process that enqueues work (as the API does) but runs none; with the test model registered and active.</summary>
    protected async Task<IServiceProvider> ClientAsync(WorkerOptions? options = null) => await StartAsync(options, runJobs: false);

    /// <summary>A started in-process worker.</summary>
    protected async Task<IServiceProvider> WorkerAsync(WorkerOptions? options = null) => await StartAsync(options, runJobs: true);

    protected VideoLangDbContext Db() => new(VideoLangDbContext.OptionsFor(ConnectionString));

    /// <summary>Polls <paramref name="done"/> against the database until it holds, or fails the test after <paramref name="seconds"/>.</summary>
    protected async Task WaitUntilAsync(Func<VideoLangDbContext, Task<bool>> done, int seconds = 60, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = Db();
            if (await done(db))
            {
                return;
            }
            await Task.Delay(100);
        }
        await using var final = Db();
        var jobs = await final.Jobs.AsNoTracking().ToListAsync();
        Assert.Fail($"Timed out after {seconds} s waiting for {what ?? "the condition"}. Jobs: " +
            string.Join("; ", jobs.Select(j => $"{j.Kind} {j.Status} attempts {j.Attempts} error {j.LastError}")));
    }

    private async Task<IServiceProvider> StartAsync(WorkerOptions? options, bool runJobs)
    {
        var builder = Host.CreateApplicationBuilder();
        // Hangfire keeps the logger factory of the last host in a static; one factory that
        // outlives every test host keeps the earlier hosts from logging into a disposed one.
        builder.Services.AddSingleton(s_loggers);
        builder.Services.AddVideoLangJobs(ConnectionString, options ?? TestOptions(), runJobs: runJobs);
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        var catalog = host.Services.GetRequiredService<ModelCatalog>();
        await catalog.AddAsync("test-tiny", Media.ModelPath, activate: true);
        return host.Services;
    }
}

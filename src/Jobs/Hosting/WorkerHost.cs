using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;
using VideoLang.Sampler;

namespace VideoLang.Jobs.Hosting;

/// <summary>
/// A worker process (<c>vlang worker</c>): migrates the database if needed, then runs jobs from the
/// shared queue until stopped. Configuration: <c>ConnectionStrings:VideoLang</c>, the <c>Worker</c>
/// section (<see cref="WorkerOptions"/>) and the <c>Sampler</c> section, from appsettings.json,
/// <c>VIDEOLANG_</c> environment variables or <c>--Section:Key=value</c> arguments.
/// </summary>
public static class WorkerHost
{
    public const string ConnectionStringName = "VideoLang";

    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // Below every other source, so configuration can turn them back up: a line per SQL command
        // or Hangfire's start-up chatter drowns the job log.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:Hangfire"] = "Warning",
            },
        });
        builder.Configuration.AddEnvironmentVariables("VIDEOLANG_");
        builder.Services.AddVideoLangJobs(ConnectionString(builder.Configuration), WorkerSettings(builder.Configuration), SamplerSettings(builder.Configuration));
        return builder.Build();
    }

    public static async Task RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        using var host = Build(args);
        var configuration = (IConfiguration)host.Services.GetService(typeof(IConfiguration))!;
        await DatabaseMigrator.MigrateAsync(ConnectionString(configuration), cancellationToken);
        await host.RunAsync(cancellationToken);
    }

    /// <summary>The database to use; the message says how to set it when it is missing.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"No database configured: set ConnectionStrings:{ConnectionStringName} (environment VIDEOLANG_ConnectionStrings__{ConnectionStringName}, or `bash ops/postgres.sh url` for the local one).");

    public static WorkerOptions WorkerSettings(IConfiguration configuration) =>
        configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();

    public static SamplerOptions SamplerSettings(IConfiguration configuration) =>
        configuration.GetSection("Sampler").Get<SamplerOptions>() ?? new SamplerOptions();

    /// <summary>The search index's settings (<c>Search:Index</c>), checked.</summary>
    public static ClipIndexOptions IndexSettings(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClipIndexOptions.Section).Get<ClipIndexOptions>() ?? new ClipIndexOptions();
        options.Validate();
        return options;
    }
}

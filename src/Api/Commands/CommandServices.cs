using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>
/// The job system for a command that works on the database directly: migrated, started, and with
/// <c>runJobs</c> also taking jobs itself, so `vlang ingest` finishes even when no worker runs (and
/// shares the load with those that do: it joins the same cluster).
/// </summary>
internal sealed class CommandServices : IAsyncDisposable
{
    private readonly IHost _host;

    private CommandServices(IHost host, IConfiguration configuration)
    {
        _host = host;
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<CommandServices> StartAsync(IReadOnlyList<string> settings, bool runJobs, CancellationToken cancellationToken)
    {
        var configuration = CommandSettings.Build(settings);
        var connectionString = WorkerHost.ConnectionString(configuration);
        await DatabaseMigrator.MigrateAsync(connectionString, cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddConfiguration(configuration);
        // Commands print their own results; the host's logs would drown them.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVideoLangJobs(connectionString, WorkerHost.WorkerSettings(configuration), WorkerHost.SamplerSettings(configuration), runJobs);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new CommandServices(host, configuration);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

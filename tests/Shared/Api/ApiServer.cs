using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Tests.Postgres;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>
/// One API server per test class: its own database on the run's PostgreSQL, its own storage and upload
/// folders, the API running jobs in-process (a worker in the same host), and the trained test model
/// registered and active. Tests make a fresh tenant each and talk to it over HTTP.
/// </summary>
public class ApiServer : IAsyncLifetime
{
    private ApiFactory? _factory;
    private int _tenants;

    public string ConnectionString { get; private set; } = "";

    public string Scratch { get; } = Directory.CreateTempSubdirectory("vl-api-").FullName;

    public string StorageDirectory => Path.Combine(Scratch, "storage");

    public string UploadDirectory => Path.Combine(Scratch, "uploads");

    public TrainedModel Model { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    /// <summary>Whether the trained model is registered and made active at start.</summary>
    protected virtual bool ActivateModel => true;

    /// <summary>Whether the host listens on a real loopback port (for a browser) instead of the in-memory test server.</summary>
    protected virtual bool Kestrel => false;

    private ApiFactory Factory => _factory ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        Model = await TrainedModel.GetAsync();
        var postgres = await TestPostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync(GetType().Name);
        var c = CultureInfo.InvariantCulture;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:VideoLang"] = ConnectionString,
            ["Api:RunJobs"] = "true",
            ["Api:UploadDirectory"] = UploadDirectory,
            // Tests poll; the limit has its own test with its own server.
            ["Api:RateLimitPerMinute"] = "100000",
            ["Worker:StorageDirectory"] = StorageDirectory,
            ["Worker:UseCuda"] = "false",
            ["Worker:ClipCount"] = TrainedModel.ClipCount.ToString(c),
            // Every tag is stored, whatever its score: the tests check their shape, not the tagger.
            ["Worker:TagThreshold"] = "0",
            ["Worker:Concurrency"] = "2",
            ["Worker:MaxAttempts"] = "3",
            ["Worker:RetryBaseDelay"] = "00:00:00.2",
            ["Worker:RetryMaxDelay"] = "00:00:01",
            ["Worker:CheckinInterval"] = "00:00:01",
            ["Worker:PollInterval"] = "00:00:01",
        };
        Configure(settings);
        _factory = new ApiFactory(settings, Kestrel);
        // Starting the host migrates the database.
        _factory.StartServer();
        if (ActivateModel)
        {
            await Services.GetRequiredService<ModelCatalog>().AddAsync("tiny", Model.CheckpointPath, activate: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Directory.Delete(Scratch, recursive: true);
    }

    /// <summary>A new tenant with a read-only, a write and an admin key.</summary>
    public async Task<TestTenant> NewTenantAsync()
    {
        var name = $"tenant-{Interlocked.Increment(ref _tenants)}";
        var keys = Services.GetRequiredService<ApiKeys>();
        var read = await keys.CreateAsync(name, "reader", [ApiKeys.Read]);
        var write = await keys.CreateAsync(name, "writer", [ApiKeys.Write]);
        var admin = await keys.CreateAsync(name, "admin", [ApiKeys.Admin]);
        return new TestTenant(name, Client(read.Secret), Client(write.Secret), Client(admin.Secret), read.Secret, write.Secret, admin.Secret);
    }

    /// <summary>A client sending <c>Authorization: Bearer <paramref name="secret"/></c>, or no key at all.</summary>
    public HttpClient Client(string? secret = null)
    {
        var client = Factory.CreateClient();
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        return client;
    }

    public VideoLangDbContext Db() => new(VideoLangDbContext.OptionsFor(ConnectionString));

    /// <summary>Every file under storage and the upload folder, to prove a refused upload left nothing.</summary>
    public IReadOnlyList<string> FilesOnDisk() =>
        new[] { StorageDirectory, UploadDirectory }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The tenant's video rows and jobs, for failure messages.</summary>
    public async Task<string> DescribeAsync(string tenant)
    {
        await using var db = Db();
        var videos = await db.Videos.AsNoTracking().Where(v => v.Tenant == tenant).Select(v => $"{v.OriginalName}: {v.Status} {v.FailureReason}").ToListAsync();
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.Tenant == tenant).Select(j => $"{j.Kind} {j.Status} attempts {j.Attempts}: {j.LastError}").ToListAsync();
        return $"Videos: {string.Join("; ", videos)}. Jobs: {string.Join("; ", jobs)}. Server log: {CapturedLogs.Recent()}";
    }

    /// <summary>Settings a derived server changes (a lower cap, a rate limit).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }
}

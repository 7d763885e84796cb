using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Ingest;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;
using VideoLang.Sampler;

namespace VideoLang.Jobs.Hosting;

/// <summary>Registers the store, the queue and (for worker processes) the job runners.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PostgreSQL store, the model catalog and runner, the video library and QA batches, and
    /// Hangfire on PostgreSQL (its own schema in the same database). With <paramref name="runJobs"/> this
    /// process also takes jobs off the queue (a worker); without, it only enqueues them (an API-only node).
    /// </summary>
    public static IServiceCollection AddVideoLangJobs(this IServiceCollection services, string connectionString, WorkerOptions worker,
        SamplerOptions? sampler = null, bool runJobs = true, ClipIndexOptions? index = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString, nameof(connectionString));
        ArgumentNullException.ThrowIfNull(worker);
        worker.Validate();
        services.AddSingleton(Options.Create(worker));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<VideoLangDbContext>((provider, o) => VideoLangDbContext
            .Configure((DbContextOptionsBuilder<VideoLangDbContext>)o, connectionString)
            .AddInterceptors(provider.GetRequiredService<JobEnqueueInterceptor>()));
        services.AddSingleton(new VideoSampler(sampler));
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelImporter>();
        services.AddSingleton<VideoLibrary>();
        services.AddSingleton<QaBatches>();
        // Every process can search; only the API keeps the index in step (ClipIndexSync), so elsewhere
        // it never becomes ready and search scans.
        services.AddSingleton(new ClipIndexes(index ?? new ClipIndexOptions()));
        services.AddSingleton<VideoSearch>();
        services.AddSingleton<SimilarVideos>();
        services.AddSingleton<ApiKeys>();
        services.AddHangfireQueue(connectionString, worker);

        if (runJobs)
        {
            services.AddSingleton<DecodeSlots>();
            services.AddSingleton<IJobHandler, IngestHandler>();
            services.AddSingleton<IJobHandler, QaBatchHandler>();
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<JobExecutor>(provider));
            services.AddTransient(provider => new VideoLangJob(provider.GetRequiredService<JobExecutor>()));
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<JobRecovery>(provider));
            services.AddHangfireServer((provider, server) => HangfireServices.Configure(server, worker));
        }
        return services;
    }
}

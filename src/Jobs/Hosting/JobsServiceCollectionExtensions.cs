using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Ingest;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Sampler;

namespace VideoLang.Jobs.Hosting;

/// <summary>Registers the store, the queue and (for worker processes) the job runners.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>The Quartz scheduler name every VideoLang process shares; it scopes the rows in the qrtz_ tables.</summary>
    public const string SchedulerName = "VideoLang";

    /// <summary>
    /// Adds the PostgreSQL store, the model catalog and runner, the video library and QA batches, and
    /// a Quartz scheduler on the clustered job store. With <paramref name="runJobs"/> this process also
    /// takes jobs off the queue (a worker); without, it only enqueues them (the API).
    /// </summary>
    public static IServiceCollection AddVideoLangJobs(this IServiceCollection services, string connectionString, WorkerOptions worker,
        SamplerOptions? sampler = null, bool runJobs = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString, nameof(connectionString));
        ArgumentNullException.ThrowIfNull(worker);
        worker.Validate();
        services.AddSingleton(Options.Create(worker));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<VideoLangDbContext>(o => VideoLangDbContext.Configure((DbContextOptionsBuilder<VideoLangDbContext>)o, connectionString));
        services.AddSingleton(new VideoSampler(sampler));
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelImporter>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<VideoLibrary>();
        services.AddSingleton<QaBatches>();
        services.AddSingleton<VideoSearch>();
        services.AddSingleton<SimilarVideos>();
        services.AddSingleton<ApiKeys>();

        services.AddQuartz(q =>
        {
            q.SchedulerName = SchedulerName;
            q.SchedulerId = "AUTO";
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = worker.Concurrency);
            // Jobs enqueued by another process are seen at the next poll: keep it short.
            q.SetProperty("quartz.scheduler.idleWaitTime", ((long)worker.PollInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            q.UsePersistentStore(store =>
            {
                store.UseProperties = true;
                store.UsePostgres(postgres => postgres.ConnectionString = connectionString);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = worker.CheckinInterval;
                    cluster.CheckinMisfireThreshold = worker.CheckinInterval * 2;
                });
                store.UseSerializer<QuartzJsonSerializer>();
            });
        });

        if (runJobs)
        {
            services.AddSingleton<DecodeSlots>();
            services.AddSingleton<IJobHandler, IngestHandler>();
            services.AddSingleton<IJobHandler, QaBatchHandler>();
            services.AddSingleton<JobExecutor>();
            services.AddTransient<VideoLangJob>();
            services.AddHostedService<QueuedJobSweeper>();
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }
}

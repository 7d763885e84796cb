using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Apis;
using VideoLang.Api.Auth;
using VideoLang.Api.Health;
using VideoLang.Api.Media;
using VideoLang.Api.OpenApi;
using VideoLang.Api.Problems;
using VideoLang.Api.RateLimiting;
using VideoLang.Api.Web;
using VideoLang.Jobs;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Api.Hosting;

/// <summary>
/// The HTTP API host (<c>vlang serve</c>). Configuration: <c>ConnectionStrings:VideoLang</c>, the
/// <c>Api</c> section (<see cref="ApiOptions"/>), and the <c>Worker</c> and <c>Sampler</c> sections the
/// job system reads, from appsettings.json, <c>VIDEOLANG_</c> environment variables or
/// <c>--Section:Key=value</c> arguments. The database is migrated while the host starts.
/// </summary>
public static class ApiApplication
{
    public const string EnvironmentPrefix = "VIDEOLANG_";

    public static WebApplication Build(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(args);
        AddDefaults(builder.Configuration);
        AddPrefixedEnvironment(builder.Configuration);
        var configuration = builder.Configuration;
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        api.Validate();
        var connectionString = WorkerHost.ConnectionString(configuration);

        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .PostConfigure<IOptions<WorkerOptions>>((options, worker) => options.UploadDirectory = options.UploadFolder(worker.Value.StorageDirectory));
        // Registered before the job system, whose scheduler needs the tables: lifecycle "starting" hooks run before any service starts.
        services.AddHostedService(provider => new DatabaseMigration(connectionString, provider.GetRequiredService<ILogger<DatabaseMigration>>()));
        services.AddVideoLangJobs(connectionString, WorkerHost.WorkerSettings(configuration), WorkerHost.SamplerSettings(configuration), runJobs: api.RunJobs,
            index: WorkerHost.IndexSettings(configuration));
        // The search index over clip embeddings, kept in step with the database while the API runs.
        services.AddHostedService<ClipIndexSync>();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBytes);
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        // RFC 7807's instance: the path the problem occurred at.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path.Value);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { })
            .AddMediaCookie();
        services.AddAuthorizationBuilder().AddScopePolicies().AddMediaPolicy();
        services.AddSingleton<ClipThumbnailCache>();
        services.AddPerKeyRateLimit();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthApi.ReadyTag])
            .AddCheck<ModelHealthCheck>("model", tags: [HealthApi.ReadyTag], timeout: TimeSpan.FromMinutes(1))
            .AddCheck<JobWorkersHealthCheck>("workers", tags: [HealthApi.ReadyTag]);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiDocumentTransformer>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseWebPage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapApiReference();
        app.MapHealthApi();
        app.MapJobsDashboard();
        var v1 = app.MapGroup("/v1").RequireRateLimiting(PerKeyRateLimit.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapVideosApi();
        v1.MapSearchApi();
        v1.MapQaBatchesApi();
        v1.MapJobsApi();
        v1.MapJobListApi();
        v1.MapContentApi();
        v1.MapTagsApi();
        v1.MapSessionApi();
        v1.MapModelsApi();
        v1.MapSimilarApi();
        return app;
    }

    // Below every other source, so appsettings.json, the environment or an argument can turn them back up:
    // a line per SQL command and per request is noise in a service's log.
    private static void AddDefaults(ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:Hangfire"] = "Warning",
            },
        });

    // VIDEOLANG_Section__Key variables, as the worker reads them, but below the command line: an
    // argument given on purpose beats a variable inherited from the environment.
    private static void AddPrefixedEnvironment(ConfigurationManager configuration)
    {
        var commandLine = configuration.Sources.ToList().FindIndex(s => s is CommandLineConfigurationSource);
        var source = new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        if (commandLine < 0)
        {
            configuration.Sources.Add(source);
        }
        else
        {
            configuration.Sources.Insert(commandLine, source);
        }
    }
}

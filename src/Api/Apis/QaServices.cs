using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Hosting;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary>What the QA batch endpoints use, bound in one parameter (<c>[AsParameters]</c>).</summary>
internal sealed class QaServices(
    QaBatches batches,
    IDbContextFactory<VideoLangDbContext> contexts,
    IOptions<ApiOptions> options,
    IOptions<JsonOptions> json,
    ILogger<QaServices> logger)
{
    public QaBatches Batches { get; } = batches;

    public IDbContextFactory<VideoLangDbContext> Contexts { get; } = contexts;

    public IOptions<ApiOptions> Options { get; } = options;

    public IOptions<JsonOptions> Json { get; } = json;

    public ILogger<QaServices> Logger { get; } = logger;
}

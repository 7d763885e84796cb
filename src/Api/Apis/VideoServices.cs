using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Hosting;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary>What the video endpoints use, bound in one parameter (<c>[AsParameters]</c>).</summary>
internal sealed class VideoServices(
    VideoLibrary library,
    IDbContextFactory<VideoLangDbContext> contexts,
    IOptions<ApiOptions> options,
    ILogger<VideoServices> logger)
{
    public VideoLibrary Library { get; } = library;

    public IDbContextFactory<VideoLangDbContext> Contexts { get; } = contexts;

    public IOptions<ApiOptions> Options { get; } = options;

    public ILogger<VideoServices> Logger { get; } = logger;
}

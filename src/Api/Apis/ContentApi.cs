using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Media;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Store;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Api.Apis;

/// <summary>
/// A video's bytes and pictures: the stored file with HTTP range requests (what a player seeks with),
/// its sampled clips, and a JPEG thumbnail per clip. Content and thumbnails also accept the web page's
/// media cookie (<see cref="MediaCookie"/>), as a browser's video and image elements send no header.
/// Every query is filtered by the caller's tenant.
/// </summary>
internal static class ContentApi
{
    public static RouteGroupBuilder MapContentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/videos").WithTags("Videos");
        api.MapMethods("/{id}/content", [HttpMethods.Get, HttpMethods.Head], ContentAsync)
            .RequireAuthorization(MediaCookie.Policy)
            .Produces(StatusCodes.Status200OK, contentType: "video/mp4")
            .Produces(StatusCodes.Status206PartialContent, contentType: "video/mp4")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .WithName("GetVideoContent")
            .WithSummary("The stored video file, with Range requests (206), an ETag (the content's SHA-256) and the Content-Type of the container ffprobe found.");
        api.MapGet("/{id}/clips", ClipsAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("ListVideoClips")
            .WithSummary("The video's sampled clips in order, each with its time range and thumbnail link.");
        api.MapGet("/{id}/clips/{clip:int}/thumbnail", ThumbnailAsync)
            .RequireAuthorization(MediaCookie.Policy)
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetClipThumbnail")
            .WithSummary("A JPEG of the clip's first frame (longer side 320 px), made on first request and cached.");
        return api;
    }

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ContentAsync(
        Guid id,
        HttpContext http,
        ClaimsPrincipal user,
        IDbContextFactory<VideoLangDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var video = await db.Videos.AsNoTracking()
            .Where(v => v.Id == id && v.Tenant == tenant)
            .Select(v => new { v.StoredPath, v.Sha256, v.Container, v.Codec })
            .SingleOrDefaultAsync(cancellationToken);
        if (video is null)
        {
            return ApiProblems.NotFound("video", id);
        }
        var file = new FileInfo(video.StoredPath);
        if (!file.Exists)
        {
            return TypedResults.Problem($"The stored file of video {id} is missing from the server's storage. Delete the video and upload it again.",
                statusCode: StatusCodes.Status410Gone, type: ProblemTypes.NotFound);
        }
        // Private: the file is the tenant's; the ETag lets the player revalidate instead of downloading again.
        http.Response.Headers.CacheControl = "private, no-cache";
        // The content never changes under its hash: a strong ETag, so If-Range resumes work.
        return TypedResults.PhysicalFile(file.FullName, VideoMediaTypes.For(video.Container, video.Codec), lastModified: file.LastWriteTimeUtc,
            entityTag: new EntityTagHeaderValue($"\"{video.Sha256}\""), enableRangeProcessing: true);
    }

    internal static async Task<Results<Ok<ClipSummary[]>, ProblemHttpResult>> ClipsAsync(
        Guid id,
        ClaimsPrincipal user,
        IDbContextFactory<VideoLangDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Videos.AnyAsync(v => v.Id == id && v.Tenant == tenant, cancellationToken))
        {
            return ApiProblems.NotFound("video", id);
        }
        var clips = await ClipTimes(db, id).OrderBy(c => c.Index).ToListAsync(cancellationToken);
        return TypedResults.Ok(clips.Select(c => new ClipSummary(c.Index, c.StartSeconds, c.EndSeconds, ClipThumbnailCache.FrameTime(c), ApiPaths.ClipThumbnail(id, c.Index))).ToArray());
    }

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ThumbnailAsync(
        Guid id,
        int clip,
        HttpContext http,
        ClaimsPrincipal user,
        IDbContextFactory<VideoLangDbContext> contexts,
        ClipThumbnailCache thumbnails,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var video = await db.Videos.AsNoTracking()
            .Where(v => v.Id == id && v.Tenant == tenant)
            .Select(v => new Video { Id = v.Id, Tenant = v.Tenant, Sha256 = v.Sha256, OriginalName = v.OriginalName, StoredPath = v.StoredPath, Container = v.Container })
            .SingleOrDefaultAsync(cancellationToken);
        if (video is null)
        {
            return ApiProblems.NotFound("video", id);
        }
        var row = await ClipTimes(db, id).Where(c => c.Index == clip).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem($"Video {id} has no clip {clip}. GET /v1/videos/{id}/clips lists its clips; a video has none until it is ingested.",
                statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);
        }
        string path;
        try
        {
            path = await thumbnails.PathAsync(video, row, cancellationToken);
        }
        catch (Exception e) when (e is MediaToolException or FileNotFoundException)
        {
            return TypedResults.Problem($"No thumbnail could be made for clip {clip} of video {id}: {e.Message}",
                statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.ThumbnailFailed);
        }
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.PhysicalFile(path, "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{ClipThumbnailCache.Name(video, row)}\""));
    }

    /// <summary>A video's clips with their times, without the visual tokens (kilobytes a clip that neither endpoint needs).</summary>
    private static IQueryable<Clip> ClipTimes(VideoLangDbContext db, Guid videoId) =>
        db.Clips.AsNoTracking().Where(c => c.VideoId == videoId)
            .Select(c => new Clip { VideoId = c.VideoId, Index = c.Index, StartSeconds = c.StartSeconds, EndSeconds = c.EndSeconds, FrameTimestamps = c.FrameTimestamps });
}

using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Problems;
using VideoLang.Api.Uploads;
using VideoLang.Jobs.Store;
using VideoLang.Sampler.Validation;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/videos</c>: upload (streamed to disk, probed before it is accepted, queued for ingest), read
/// one with its tags, list with a cursor, delete. Every query is filtered by the caller's tenant.
/// </summary>
internal static class VideosApi
{
    public static RouteGroupBuilder MapVideosApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/videos").WithTags("Videos");

        api.MapPost("", UploadAsync)
            .RequireAuthorization(Scopes.Write)
            .Accepts<VideoUpload>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("UploadVideo")
            .WithSummary("Upload a video (multipart/form-data, part 'file'); 202 with the video and its ingest job, 200 when the same content was uploaded before.");
        api.MapGet("", ListAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("ListVideos")
            .WithSummary("The tenant's videos, newest first, a page at a time (pass next_cursor back as cursor); status and tag filter them.");
        api.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetVideo")
            .WithSummary("A video's state, metadata and tags, each tag with its score and supporting clip.");
        api.MapDelete("/{id}", DeleteAsync)
            .RequireAuthorization(Scopes.Write)
            .WithName("DeleteVideo")
            .WithSummary("Deletes a video, its results and jobs, and its stored file unless another video has the same content.");
        return api;
    }

    /// <remarks>
    /// 202 Accepted (Location: the video) for a new video, and again, with <c>Idempotent-Replayed: true</c>,
    /// for a retry with the same Idempotency-Key. 200 OK with the existing video when the tenant already has
    /// this content under another (or no) key: nothing new was accepted.
    /// </remarks>
    internal static async Task<Results<Accepted<VideoSummary>, Ok<VideoSummary>, ProblemHttpResult>> UploadAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        [AsParameters] VideoServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (IdempotencyKeys.Problem(idempotencyKey) is { } invalidKey)
        {
            return ApiProblems.BadRequest(invalidKey);
        }
        UploadedFile upload;
        try
        {
            upload = await MultipartUpload.ReceiveAsync(request, services.Options.Value.UploadDirectory, services.Options.Value.MaxUploadBytes, cancellationToken);
        }
        catch (RequestRejectedException e)
        {
            Log.UploadRefused(services.Logger, tenant, e.StatusCode, e.Message);
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, type: e.ProblemType);
        }
        using (upload)
        {
            Jobs.Library.AddedVideo added;
            try
            {
                added = await services.Library.AddAsync(tenant, upload.Path, upload.FileName, idempotencyKey, moveSource: true, upload.Sha256, cancellationToken);
            }
            catch (VideoRejectedException e)
            {
                Log.UploadRefused(services.Logger, tenant, VideoRejections.Status(e.Reason), e.Message);
                var reason = VideoRejections.Name(e.Reason);
                return TypedResults.Problem(e.Message, statusCode: VideoRejections.Status(e.Reason), type: ProblemTypes.VideoRejected(reason),
                    extensions: new Dictionary<string, object?> { ["reason"] = reason });
            }
            var video = added.Video;
            var summary = VideoSummary.From(video, added.Job?.Id);
            var replay = !added.Created && idempotencyKey is not null && video.IdempotencyKey == idempotencyKey;
            if (replay && video.Sha256 != upload.Sha256)
            {
                return TypedResults.Problem(
                    $"The {IdempotencyKeys.Header} '{idempotencyKey}' was used for another file (video {video.Id}, '{video.OriginalName}'). Use a new key for a new upload.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.IdempotencyKeyReused);
            }
            Log.UploadAccepted(services.Logger, video.Id, tenant, upload.Length, added.Created);
            if (added.Created || replay)
            {
                if (replay)
                {
                    request.HttpContext.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
                }
                return TypedResults.Accepted(ApiPaths.Video(video.Id), summary);
            }
            return TypedResults.Ok(summary);
        }
    }

    internal static async Task<Results<Ok<Page<VideoSummary>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user,
        [AsParameters] VideoServices services,
        string? status,
        string? tag,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (PageSize.Resolve(limit, services.Options.Value, out var limitProblem) is not { } size)
        {
            return ApiProblems.BadRequest(limitProblem!);
        }
        if (!StatusFilter<VideoStatus>.TryParse(status, out var wanted, out var statusProblem))
        {
            return ApiProblems.BadRequest(statusProblem!);
        }
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Videos.AsNoTracking().Where(v => v.Tenant == tenant);
        if (wanted is { } s)
        {
            query = query.Where(v => v.Status == s);
        }
        if (!string.IsNullOrEmpty(tag))
        {
            query = query.Where(v => v.Tags.Any(t => t.Label == tag));
        }
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Cursors.TryReadVideo(cursor, out var createdAt, out var id))
            {
                return ApiProblems.BadRequest("The cursor is not one this list returned. Pass next_cursor from the previous page unchanged, or leave it out to start again.");
            }
            // Newest first: the next page holds what sorts after the cursor's (created_at, id) pair.
            query = query.Where(v => EF.Functions.LessThan(ValueTuple.Create(v.CreatedAt, v.Id), ValueTuple.Create(createdAt, id)));
        }
        var videos = await query
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Take(size + 1)
            .Select(v => new Video
            {
                Id = v.Id, Tenant = v.Tenant, Sha256 = v.Sha256, OriginalName = v.OriginalName, StoredPath = v.StoredPath, SizeBytes = v.SizeBytes,
                Container = v.Container, Codec = v.Codec, Width = v.Width, Height = v.Height, DurationSeconds = v.DurationSeconds, FrameRate = v.FrameRate,
                Status = v.Status, FailureReason = v.FailureReason, CreatedAt = v.CreatedAt, UpdatedAt = v.UpdatedAt,
            })
            .ToListAsync(cancellationToken);
        var page = videos.Take(size).ToArray();
        var jobs = await ApiQueries.LatestJobsAsync(db, page.Select(v => v.Id).ToArray(), cancellationToken);
        var next = videos.Count > size ? Cursors.ForVideo(page[^1].CreatedAt, page[^1].Id) : null;
        return TypedResults.Ok(new Page<VideoSummary>(page.Select(v => VideoSummary.From(v, jobs.TryGetValue(v.Id, out var job) ? job : null)).ToArray(), next));
    }

    internal static async Task<Results<Ok<VideoDetails>, ProblemHttpResult>> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        [AsParameters] VideoServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        var video = await db.Videos.AsNoTracking().Include(v => v.Tags).SingleOrDefaultAsync(v => v.Id == id && v.Tenant == tenant, cancellationToken);
        if (video is null)
        {
            return ApiProblems.NotFound("video", id);
        }
        var clips = await ApiQueries.ClipRangesAsync(db, [id], cancellationToken);
        var job = await ApiQueries.LatestJobAsync(db, id, cancellationToken);
        return TypedResults.Ok(VideoDetails.From(video, job, video.Tags, clips.GetValueOrDefault(id)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id,
        ClaimsPrincipal user,
        [AsParameters] VideoServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (!await services.Library.DeleteAsync(tenant, id, cancellationToken))
        {
            return ApiProblems.NotFound("video", id);
        }
        Log.VideoDeleted(services.Logger, id, tenant);
        return TypedResults.NoContent();
    }
}

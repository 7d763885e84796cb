using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Search;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/videos/{id}/similar</c>: the tenant's videos and moments nearest to a video or, with
/// <c>clip=n</c>, to one of its clips, in the active embedder's space (cosine scores).
/// </summary>
internal static class SimilarApi
{
    public static RouteHandlerBuilder MapSimilarApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/videos/{id}/similar", SimilarAsync)
            .RequireAuthorization(Scopes.Read)
            .WithTags("Search")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("SimilarVideos")
            .WithSummary("Videos (or clips, group_by=clip) nearest to a video or one of its clips, each with its best moments.");

    internal static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SimilarAsync(
        Guid id,
        ClaimsPrincipal user,
        SimilarVideos similar,
        int? clip,
        int? limit,
        [FromQuery(Name = "group_by")] string? groupBy,
        CancellationToken cancellationToken)
    {
        if (SearchApi.Grouping(groupBy) is not { } grouping)
        {
            return ApiProblems.BadRequest($"group_by must be 'video' (one result per video) or 'clip' (one per clip); got '{groupBy}'.");
        }
        var size = limit ?? 10;
        if (size is < 1 or > VideoSearch.MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {VideoSearch.MaxLimit}; got {size}.");
        }
        if (clip is < 0)
        {
            return ApiProblems.BadRequest($"clip is a clip index from 0; got {clip}.");
        }
        var hits = await similar.FindAsync(user.Tenant(), id, clip, size, grouping, cancellationToken);
        if (hits is null)
        {
            return ApiProblems.NotFound("video", id);
        }
        var query = clip is { } n ? $"video {id} clip {n}" : $"video {id}";
        return TypedResults.Ok(new SearchResults(query, grouping, -1, 0, hits.Select((h, i) => SearchMatch.From(i + 1, h)).ToArray()));
    }
}

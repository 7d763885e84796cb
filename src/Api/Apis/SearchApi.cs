using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Hosting;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Search;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/search</c>: free-text search of the tenant's ready videos over the active embedder's clip
/// embeddings, grouped by video with its best moments or listed by clip, paged by <c>page_token</c>; with
/// a cross-encoder active, its re-rank of the top <c>rerank</c> videos.
/// </summary>
internal static class SearchApi
{
    private const int MaxQueryLength = 1000;
    private const int DefaultLimit = 10;

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/search").WithTags("Search");
        api.MapGet("", SearchAsync)
            .RequireAuthorization(Scopes.Read)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("Search")
            .WithSummary("Videos (or clips, group_by=clip) matching a text, best first, each with its best clip's time range.");
        return api;
    }

    internal static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        ClaimsPrincipal user,
        VideoSearch search,
        IOptions<ApiOptions> options,
        string? q,
        int? limit,
        [FromQuery(Name = "min_score")] double? minScore,
        [FromQuery(Name = "group_by")] string? groupBy,
        int? rerank,
        [FromQuery(Name = "page_token")] string? pageToken,
        int? moments,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiProblems.BadRequest("q is required: the text to look for, e.g. /v1/search?q=a red circle moves left.");
        }
        if (q.Length > MaxQueryLength)
        {
            return ApiProblems.BadRequest($"q is {q.Length} characters; the longest search text is {MaxQueryLength}.");
        }
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > VideoSearch.MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {VideoSearch.MaxLimit}; got {size}.");
        }
        var threshold = minScore ?? 0;
        if (!double.IsFinite(threshold) || threshold is < 0 or > 1)
        {
            return ApiProblems.BadRequest($"min_score is a score between 0 and 1; got {threshold}.");
        }
        if (Grouping(groupBy) is not { } grouping)
        {
            return ApiProblems.BadRequest($"group_by must be 'video' (one result per video) or 'clip' (one per matching clip); got '{groupBy}'.");
        }
        if (rerank is < 1 or > VideoSearch.MaxRerankCandidates)
        {
            return ApiProblems.BadRequest($"rerank (how many first-stage candidates the cross-encoder re-ranks; leave it out for the default) must be between 1 and {VideoSearch.MaxRerankCandidates}; got {rerank}.");
        }
        var momentCount = moments ?? 3;
        if (momentCount is < 1 or > VideoSearch.MaxMoments)
        {
            return ApiProblems.BadRequest($"moments (best moments listed per video) must be between 1 and {VideoSearch.MaxMoments}; got {momentCount}.");
        }
        // With a cross-encoder and no rerank asked for, the configured depth; without one, stage one only.
        var page = await search.SearchPageAsync(tenant,
            new SearchRequest(q.Trim(), size, threshold, grouping, rerank, pageToken, momentCount, options.Value.RerankCandidates),
            cancellationToken);
        return TypedResults.Ok(new SearchResults(q.Trim(), grouping, threshold, page.Reranked, page.Hits.Select((h, i) => SearchMatch.From(i + 1, h)).ToArray())
        {
            Embedder = page.Embedder,
            NextPageToken = page.NextPageToken,
            StageOne = page.StageOne == StageOne.Index ? "index" : "exact-scan",
        });
    }

    /// <summary>The group_by parameter; null when it is neither video nor clip.</summary>
    internal static SearchGrouping? Grouping(string? groupBy) => groupBy?.ToLowerInvariant() switch
    {
        null or "" or "video" => SearchGrouping.Video,
        "clip" => SearchGrouping.Clip,
        _ => null,
    };
}

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
/// <c>/v1/search</c>: free-text search of the tenant's ready videos in two stages, dual-encoder
/// candidates then a cross-encoder re-rank of the top <c>rerank</c>; each result carries its best clip's
/// time range and every clip's score.
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
            return ApiProblems.BadRequest($"min_score is a match probability between 0 and 1; got {threshold}.");
        }
        SearchGrouping grouping;
        switch (groupBy?.ToLowerInvariant())
        {
            case null or "" or "video":
                grouping = SearchGrouping.Video;
                break;
            case "clip":
                grouping = SearchGrouping.Clip;
                break;
            default:
                return ApiProblems.BadRequest($"group_by must be 'video' (one result per video) or 'clip' (one per matching clip); got '{groupBy}'.");
        }
        var candidates = rerank ?? options.Value.RerankCandidates;
        if (candidates is < 1 or > VideoSearch.MaxRerankCandidates)
        {
            return ApiProblems.BadRequest($"rerank (how many first-stage candidates the cross-encoder re-ranks) must be between 1 and {VideoSearch.MaxRerankCandidates}; got {candidates}.");
        }
        var hits = await search.SearchAsync(tenant, new SearchRequest(q.Trim(), size, threshold, grouping, candidates), cancellationToken);
        return TypedResults.Ok(new SearchResults(q.Trim(), grouping, threshold, candidates, hits.Select((h, i) => SearchMatch.From(i + 1, h)).ToArray()));
    }
}

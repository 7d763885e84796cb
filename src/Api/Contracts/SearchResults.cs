using VideoLang.Jobs.Search;

namespace VideoLang.Api.Contracts;

/// <summary>
/// A search's results, best first, with the settings it ran with: the embedder whose space was searched,
/// how many candidates the cross-encoder re-ranked (0: one stage), and the token of the next page (null on the last).
/// </summary>
public sealed record SearchResults(string Query, SearchGrouping GroupBy, double MinScore, int Rerank, IReadOnlyList<SearchMatch> Results)
{
    public string? Embedder { get; init; }

    public string? NextPageToken { get; init; }

    /// <summary>How stage one found its candidates: <c>index</c> (the HNSW index) or <c>exact-scan</c> (every clip: the index is not ready, or the library is small).</summary>
    public string? StageOne { get; init; }
}

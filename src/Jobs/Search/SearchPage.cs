namespace VideoLang.Jobs.Search;

/// <summary>One page of results, best first; <see cref="NextPageToken"/> fetches the next (null on the last page).</summary>
/// <param name="Hits">The results.</param>
/// <param name="NextPageToken">Pass as <see cref="SearchRequest.PageToken"/> for the next page.</param>
/// <param name="Embedder">The name of the embedder whose space was searched.</param>
/// <param name="Reranked">How many candidates the cross-encoder re-ranked (0: one stage).</param>
/// <param name="StageOne">Whether the first stage used the index or scanned every clip.</param>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, string? NextPageToken, string Embedder, int Reranked, StageOne StageOne);

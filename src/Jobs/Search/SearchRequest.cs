namespace VideoLang.Jobs.Search;

/// <summary>A free-text search of a tenant's ready videos.</summary>
/// <param name="Query">The text to find.</param>
/// <param name="Limit">Most results returned (one page).</param>
/// <param name="MinScore">Results below this score are dropped (a probability for SigLIP and the cross-encoder, a calibrated score otherwise).</param>
/// <param name="Grouping">One result per video (with its best moments) or one per clip.</param>
/// <param name="RerankCandidates">
/// How many first-stage candidates the cross-encoder re-ranks: null for the default (re-rank when a
/// cross-encoder is active), 0 for stage one only; a number needs an active cross-encoder.
/// </param>
/// <param name="PageToken">Where the previous page ended (<see cref="SearchPage.NextPageToken"/>); null for the first page.</param>
/// <param name="Moments">Best moments kept per video when grouping by video.</param>
/// <param name="DefaultRerank">The re-rank depth when <paramref name="RerankCandidates"/> is null and a cross-encoder is active.</param>
public sealed record SearchRequest(string Query, int Limit = 10, double MinScore = 0, SearchGrouping Grouping = SearchGrouping.Video, int? RerankCandidates = null,
    string? PageToken = null, int Moments = 3, int DefaultRerank = VideoSearch.DefaultRerankCandidates);

namespace VideoLang.Jobs.Search;

/// <summary>A free-text search of a tenant's ready videos.</summary>
/// <param name="Query">The text to find.</param>
/// <param name="Limit">Most results returned.</param>
/// <param name="MinScore">Results below this match probability are dropped.</param>
/// <param name="Grouping">One result per video or per clip.</param>
/// <param name="RerankCandidates">How many first-stage (embedding) candidates the cross-encoder re-ranks.</param>
public sealed record SearchRequest(string Query, int Limit = 10, double MinScore = 0, SearchGrouping Grouping = SearchGrouping.Video, int RerankCandidates = 50);

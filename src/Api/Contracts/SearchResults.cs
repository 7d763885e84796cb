using VideoLang.Jobs.Search;

namespace VideoLang.Api.Contracts;

/// <summary>A search's results, best first, with the settings it ran with.</summary>
public sealed record SearchResults(string Query, SearchGrouping GroupBy, double MinScore, int Rerank, IReadOnlyList<SearchMatch> Results);

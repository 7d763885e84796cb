namespace VideoLang.Jobs.Search;

/// <summary>How a search's first stage found its candidates; responses say which, so a slow answer has a reason.</summary>
public enum StageOne
{
    /// <summary>Every clip of the tenant scored (no index yet, too few clips to need one, or the index disabled).</summary>
    ExactScan,

    /// <summary>The HNSW index's nearest clips, then scored exactly.</summary>
    Index,
}

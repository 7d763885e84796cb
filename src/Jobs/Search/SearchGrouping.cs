namespace VideoLang.Jobs.Search;

/// <summary>One result per video (its best clip) or one per matching clip.</summary>
public enum SearchGrouping
{
    Video,
    Clip,
}

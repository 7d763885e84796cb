namespace VideoLang.Jobs.Search;

/// <summary>The clips stage one scored, and how it found them.</summary>
internal sealed record ClipScanResult(ScoredClip[] Clips, StageOne Stage);

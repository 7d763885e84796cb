namespace VideoLang.Jobs.Search;

/// <summary>A stored clip embedding scored by the scan: its video, time range, cosine with the query and null statistics.</summary>
internal sealed class ScoredClip
{
    public Guid VideoId { get; init; }

    public int Clip { get; init; }

    public double StartSeconds { get; init; }

    public double EndSeconds { get; init; }

    public double Cosine { get; init; }

    public double? NullMean { get; init; }

    public double? NullStd { get; init; }
}

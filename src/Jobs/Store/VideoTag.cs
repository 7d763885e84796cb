namespace VideoLang.Jobs.Store;

/// <summary>A tag of a video with its probability and the clip that supports it most (with every clip's score).</summary>
public sealed class VideoTag
{
    public Guid VideoId { get; set; }

    public required string Label { get; set; }

    public double Score { get; set; }

    public int BestClip { get; set; }

    public double StartSeconds { get; set; }

    public double EndSeconds { get; set; }

    public double[] ClipScores { get; set; } = [];
}

namespace VideoLang.Jobs.Store;

/// <summary>
/// One sparsely sampled clip of a video: its time range, the timestamps of the frames actually
/// decoded, and its visual tokens (float16, tokens × width) so a text never re-runs the CNN.
/// </summary>
public sealed class Clip
{
    public Guid VideoId { get; set; }

    public int Index { get; set; }

    public double StartSeconds { get; set; }

    public double EndSeconds { get; set; }

    public double[] FrameTimestamps { get; set; } = [];

    public byte[] VisualTokens { get; set; } = [];
}

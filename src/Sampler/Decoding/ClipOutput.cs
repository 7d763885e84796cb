namespace VideoLang.Sampler.Decoding;

/// <summary>What one ffmpeg run reported about one clip.</summary>
internal sealed class ClipOutput
{
    /// <summary>Timestamps of the frames that entered the clip's filter chain, in arrival order.</summary>
    public List<long> InputPts { get; } = [];

    /// <summary>Frames the chain produced (at most T).</summary>
    public int OutputFrames { get; set; }

    /// <summary>Decoding errors ffmpeg attributed to this clip's input after its first frame.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The filter saw a time base other than the probed one (the clip's timing would be wrong).</summary>
    public bool TimeBaseMismatch { get; set; }
}

namespace VideoLang.Sampler.Synthetic;

/// <summary>Video encoders the generator can use (all in Debian's ffmpeg).</summary>
public enum VideoCodec
{
    /// <summary>libx264.</summary>
    H264,

    /// <summary>libx265.</summary>
    H265,

    /// <summary>libvpx-vp9.</summary>
    Vp9,

    /// <summary>ffmpeg's MPEG-4 part 2 encoder.</summary>
    Mpeg4,
}

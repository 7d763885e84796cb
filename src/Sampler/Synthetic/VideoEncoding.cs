namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// How synthetic videos are encoded. Defaults give small, quick files (160×120, 10 fps, 3 s, H.264 in
/// MP4). The remaining knobs reproduce awkward real-world files: sparse keyframes and B-frames, rotation
/// metadata as phones write it, a first timestamp that is not zero, an audio track.
/// </summary>
public sealed record VideoEncoding
{
    public int Width { get; init; } = 160;

    public int Height { get; init; } = 120;

    public double FramesPerSecond { get; init; } = 10;

    public double DurationSeconds { get; init; } = 3;

    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    public VideoFileFormat Format { get; init; } = VideoFileFormat.Mp4;

    /// <summary>Frames between keyframes; null leaves the encoder's default.</summary>
    public int? KeyframeInterval { get; init; }

    /// <summary>Consecutive B-frames (H.264/H.265); null leaves the encoder's default.</summary>
    public int? BFrames { get; init; }

    /// <summary>Clockwise rotation a player should apply (0, 90, 180, 270), written as MP4/MOV display-matrix metadata.</summary>
    public int RotationDegrees { get; init; }

    /// <summary>
    /// Timestamp of the first frame (<c>-output_ts_offset</c>); Matroska and MPEG-TS keep it. ffmpeg's
    /// Matroska muxer then records the end time as the duration, as some real files do.
    /// </summary>
    public double StartOffsetSeconds { get; init; }

    /// <summary>Adds a 440 Hz tone as an audio stream.</summary>
    public bool WithAudio { get; init; }

    /// <summary>The file extension, without the dot.</summary>
    public string Extension => Format switch
    {
        VideoFileFormat.Mp4 => "mp4",
        VideoFileFormat.Mov => "mov",
        VideoFileFormat.Mkv => "mkv",
        VideoFileFormat.Webm => "webm",
        VideoFileFormat.Avi => "avi",
        VideoFileFormat.MpegTs => "ts",
        VideoFileFormat.Flv => "flv",
        _ => throw new ArgumentOutOfRangeException(nameof(Format), Format, "Use a VideoFileFormat value."),
    };

    internal void Validate()
    {
        if (Width is < 16 or > 4096 || Height is < 16 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), $"{Width}x{Height}", "Use a frame size between 16 and 4096 pixels per side.");
        }

        if (!double.IsFinite(FramesPerSecond) || FramesPerSecond is < 1 or > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "Use between 1 and 120 frames per second.");
        }

        if (!double.IsFinite(DurationSeconds) || DurationSeconds is <= 0 or > 7200)
        {
            throw new ArgumentOutOfRangeException(nameof(DurationSeconds), DurationSeconds, "Use a duration above 0 and at most 2 hours.");
        }

        if (RotationDegrees is not (0 or 90 or 180 or 270) || (RotationDegrees != 0 && Format is not (VideoFileFormat.Mp4 or VideoFileFormat.Mov)))
        {
            throw new ArgumentOutOfRangeException(nameof(RotationDegrees), RotationDegrees, "Use 0, 90, 180 or 270 degrees; rotation metadata is written to Mp4 and Mov only.");
        }

        if (Format == VideoFileFormat.Webm && Codec != VideoCodec.Vp9)
        {
            throw new ArgumentException("WebM holds VP9 here; use VideoCodec.Vp9 or another format.", nameof(Codec));
        }

        if (Format == VideoFileFormat.Flv && Codec != VideoCodec.H264)
        {
            throw new ArgumentException("FLV holds H.264 here; use VideoCodec.H264 or another format.", nameof(Codec));
        }
    }
}

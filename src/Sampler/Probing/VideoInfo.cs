using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Probing;

/// <summary>
/// What ffprobe found in a validated video file: container, video codec, stored and displayed frame
/// size, duration, frame rate and the timing details the decoder needs. Times are seconds from the
/// start of the file as a player shows it (the container's first timestamp is 0). It is plain data, so
/// it can be stored as JSON and handed back to <see cref="VideoSampler.DecodeAsync"/> without probing
/// again.
/// </summary>
public sealed record VideoInfo
{
    /// <summary>ffprobe's format name, for example <c>mov,mp4,m4a,3gp,3g2,mj2</c> or <c>matroska,webm</c>.</summary>
    public required string FormatName { get; init; }

    public required ContainerFormats Container { get; init; }

    /// <summary>ffmpeg's codec name, for example <c>h264</c>, <c>hevc</c>, <c>vp9</c>.</summary>
    public required string VideoCodec { get; init; }

    /// <summary>Width of the frames as stored in the stream, before rotation and pixel aspect.</summary>
    public required int CodedWidth { get; init; }

    /// <summary>Height of the frames as stored in the stream, before rotation and pixel aspect.</summary>
    public required int CodedHeight { get; init; }

    /// <summary>Width a player shows: pixel aspect ratio and rotation applied.</summary>
    public required int DisplayWidth { get; init; }

    /// <summary>Height a player shows: pixel aspect ratio and rotation applied.</summary>
    public required int DisplayHeight { get; init; }

    /// <summary>Clockwise rotation a player applies, from the display matrix: 0, 90, 180 or 270.</summary>
    public required int RotationDegrees { get; init; }

    /// <summary>Sample (pixel) aspect ratio; 1/1 for square pixels.</summary>
    public required Fraction PixelAspectRatio { get; init; }

    public required double DurationSeconds { get; init; }

    public required DurationSource DurationSource { get; init; }

    /// <summary>Average frame rate (ffprobe's <c>avg_frame_rate</c>, else <c>r_frame_rate</c>); may be 0/0 if unknown.</summary>
    public required Fraction FrameRate { get; init; }

    /// <summary>Number of video frames when the container records it.</summary>
    public long? FrameCount { get; init; }

    public required bool HasAudio { get; init; }

    /// <summary>Overall bit rate in bits per second when known.</summary>
    public long? BitRate { get; init; }

    public required long FileSizeBytes { get; init; }

    /// <summary>Index of the decoded video stream among all streams of the file.</summary>
    public required int VideoStreamIndex { get; init; }

    /// <summary>Time base of the video stream's timestamps.</summary>
    public required Fraction TimeBase { get; init; }

    /// <summary>The container's first timestamp in seconds: the origin of every time in this record.</summary>
    public required double ContainerStartSeconds { get; init; }

    /// <summary>When the first video frame is shown, relative to the container start (usually 0).</summary>
    public required double VideoStartSeconds { get; init; }
}

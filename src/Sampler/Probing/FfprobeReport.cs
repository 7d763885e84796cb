using System.Text.Json;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Probing;

/// <summary>
/// Turns the JSON of <c>ffprobe -show_format -show_streams</c> into a <see cref="VideoInfo"/>. The
/// duration may still be missing (<see cref="Duration"/> null); the prober then counts packets.
/// </summary>
internal sealed class FfprobeReport
{
    private FfprobeReport(VideoInfo partial, double? duration, DurationSource source, double? containerDuration, double? videoDuration, double? latestStreamEnd)
    {
        Partial = partial;
        Duration = duration;
        Source = source;
        ContainerDuration = containerDuration;
        VideoStreamDuration = videoDuration;
        LatestStreamEnd = latestStreamEnd;
    }

    /// <summary>Everything but the duration (which is 0 here until <see cref="WithDuration"/>).</summary>
    public VideoInfo Partial { get; }

    public double? Duration { get; }

    public DurationSource Source { get; }

    /// <summary>The duration the container's header records (mp4's <c>mvhd</c>, FLV's metadata, ...), when it records one.</summary>
    public double? ContainerDuration { get; }

    /// <summary>The video stream's own duration (its track header, or Matroska's DURATION tag), when recorded.</summary>
    public double? VideoStreamDuration { get; }

    /// <summary>
    /// The latest any stream ends, as its start timestamp plus its recorded duration (audio may outlast
    /// the video), when any stream records a duration. Containers differ on whether their duration counts
    /// from 0 (mp4, Matroska) or from their first timestamp (MPEG-TS), so checks take the start into account.
    /// </summary>
    public double? LatestStreamEnd { get; }

    public VideoInfo WithDuration(double seconds, DurationSource source) =>
        Partial with { DurationSeconds = seconds, DurationSource = source };

    /// <summary>Null when the file has no video stream.</summary>
    public static FfprobeReport? Parse(JsonElement root, long fileSize)
    {
        var format = FfprobeJson.Child(root, "format");
        var streams = FfprobeJson.Array(root, "streams").ToList();
        var video = streams.FirstOrDefault(s =>
            FfprobeJson.String(s, "codec_type") == "video"
            && FfprobeJson.Long(FfprobeJson.Child(s, "disposition"), "attached_pic") != 1);
        if (video.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var formatName = FfprobeJson.String(format, "format_name") ?? "";
        var width = (int)(FfprobeJson.Long(video, "width") ?? 0);
        var height = (int)(FfprobeJson.Long(video, "height") ?? 0);
        var aspect = Fraction.Parse(FfprobeJson.String(video, "sample_aspect_ratio"));
        if (!aspect.IsValid)
        {
            aspect = new Fraction(1, 1);
        }

        var rotation = ClockwiseRotation(video);
        var displayWidth = (int)Math.Max(1, Math.Round(width * aspect.ToDouble()));
        var displayHeight = height;
        if (rotation is 90 or 270)
        {
            (displayWidth, displayHeight) = (displayHeight, displayWidth);
        }

        var containerStart = FfprobeJson.Double(format, "start_time") ?? 0;
        var videoStart = FfprobeJson.Double(video, "start_time") ?? containerStart;
        var frameRate = Fraction.Parse(FfprobeJson.String(video, "avg_frame_rate"));
        if (!frameRate.IsValid)
        {
            frameRate = Fraction.Parse(FfprobeJson.String(video, "r_frame_rate"));
        }

        var containerDuration = Positive(FfprobeJson.Double(format, "duration"));
        var videoDuration = StreamDuration(video);
        var (duration, source) = containerDuration is not null ? (containerDuration, DurationSource.Container) : (videoDuration, DurationSource.Stream);
        var latestStreamEnd = streams.Select(s => Math.Max(0, FfprobeJson.Double(s, "start_time") ?? containerStart) + StreamDuration(s)).Max();

        var info = new VideoInfo
        {
            FormatName = formatName,
            Container = Demuxers.FromFormatName(formatName),
            VideoCodec = FfprobeJson.String(video, "codec_name") ?? "unknown",
            CodedWidth = width,
            CodedHeight = height,
            DisplayWidth = displayWidth,
            DisplayHeight = displayHeight,
            RotationDegrees = rotation,
            PixelAspectRatio = aspect,
            DurationSeconds = 0,
            DurationSource = source,
            FrameRate = frameRate,
            FrameCount = FfprobeJson.Long(video, "nb_frames") is > 0 and var frames ? frames : null,
            HasAudio = streams.Any(s => FfprobeJson.String(s, "codec_type") == "audio"),
            BitRate = FfprobeJson.Long(format, "bit_rate") is > 0 and var bitRate ? bitRate : null,
            FileSizeBytes = fileSize,
            VideoStreamIndex = (int)(FfprobeJson.Long(video, "index") ?? 0),
            TimeBase = Fraction.Parse(FfprobeJson.String(video, "time_base")),
            ContainerStartSeconds = containerStart,
            VideoStartSeconds = Math.Max(0, videoStart - containerStart),
        };
        return new FfprobeReport(info, duration, source, containerDuration, videoDuration, latestStreamEnd);
    }

    /// <summary>A stream's recorded duration: ffprobe's <c>duration</c>, else Matroska's DURATION tag.</summary>
    private static double? StreamDuration(JsonElement stream) =>
        Positive(FfprobeJson.Double(stream, "duration")) ?? Positive(FfprobeJson.ClockSeconds(FfprobeJson.String(FfprobeJson.Child(stream, "tags"), "DURATION")));

    private static double? Positive(double? seconds) => seconds is > 0 ? seconds : null;

    /// <summary>
    /// The clockwise rotation ffmpeg's autorotate would apply. The display matrix's angle is
    /// counter-clockwise (ffprobe prints 90 for a frame shown turned left), hence the minus.
    /// </summary>
    private static int ClockwiseRotation(JsonElement video)
    {
        double? counterClockwise = null;
        foreach (var sideData in FfprobeJson.Array(video, "side_data_list"))
        {
            if (FfprobeJson.Double(sideData, "rotation") is { } angle)
            {
                counterClockwise = angle;
                break;
            }
        }

        var clockwise = counterClockwise is { } ccw
            ? -ccw
            : FfprobeJson.Double(FfprobeJson.Child(video, "tags"), "rotate") ?? 0;
        var quarterTurns = (int)Math.Round(clockwise / 90.0);
        return ((quarterTurns % 4) + 4) % 4 * 90;
    }
}

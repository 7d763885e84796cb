using System.Text.Json;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Probing;

/// <summary>
/// Turns the JSON of <c>ffprobe -show_format -show_streams</c> into a <see cref="VideoInfo"/>. The
/// duration may still be missing (<see cref="Duration"/> null); the prober then counts packets.
/// </summary>
internal sealed class FfprobeReport
{
    private FfprobeReport(VideoInfo partial, double? duration, DurationSource source)
    {
        Partial = partial;
        Duration = duration;
        Source = source;
    }

    /// <summary>Everything but the duration (which is 0 here until <see cref="WithDuration"/>).</summary>
    public VideoInfo Partial { get; }

    public double? Duration { get; }

    public DurationSource Source { get; }

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

        var (duration, source) = (FfprobeJson.Double(format, "duration"), DurationSource.Container);
        if (duration is not > 0)
        {
            (duration, source) = (FfprobeJson.Double(video, "duration"), DurationSource.Stream);
        }

        if (duration is not > 0)
        {
            duration = FfprobeJson.ClockSeconds(FfprobeJson.String(FfprobeJson.Child(video, "tags"), "DURATION"));
        }

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
        return new FfprobeReport(info, duration is > 0 ? duration : null, source);
    }

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

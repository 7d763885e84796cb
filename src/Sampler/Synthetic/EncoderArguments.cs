using System.Globalization;

namespace VideoLang.Sampler.Synthetic;

/// <summary>ffmpeg output options for a <see cref="VideoEncoding"/>: codec, pixel format, GOP, audio and container.</summary>
internal static class EncoderArguments
{
    public static List<string> For(VideoEncoding encoding, bool variableFrameRate)
    {
        // 4:2:0 needs even sizes; odd ones (a real-world oddity worth testing) are encoded 4:4:4.
        var even = encoding.Width % 2 == 0 && encoding.Height % 2 == 0;
        List<string> arguments = ["-map", "0:v"];
        if (encoding.WithAudio)
        {
            arguments.AddRange(["-map", "1:a"]);
        }

        switch (encoding.Codec)
        {
            case VideoCodec.H264:
                arguments.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", even ? "yuv420p" : "yuv444p"]);
                break;
            case VideoCodec.H265:
                arguments.AddRange(["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", even ? "yuv420p" : "yuv444p"]);
                if (encoding.Format is VideoFileFormat.Mp4 or VideoFileFormat.Mov)
                {
                    arguments.AddRange(["-tag:v", "hvc1"]);
                }

                break;
            case VideoCodec.Vp9:
                arguments.AddRange(["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "0", "-crf", "32", "-pix_fmt", "yuv420p"]);
                break;
            case VideoCodec.Mpeg4:
                arguments.AddRange(["-c:v", "mpeg4", "-q:v", "3", "-pix_fmt", "yuv420p"]);
                break;
        }

        if (encoding.KeyframeInterval is { } gop)
        {
            arguments.AddRange(["-g", gop.ToString(CultureInfo.InvariantCulture), "-keyint_min", gop.ToString(CultureInfo.InvariantCulture)]);
            if (encoding.Codec == VideoCodec.H264)
            {
                arguments.AddRange(["-sc_threshold", "0"]);
            }
        }

        if (encoding.BFrames is { } bFrames)
        {
            arguments.AddRange(["-bf", bFrames.ToString(CultureInfo.InvariantCulture)]);
        }

        if (encoding.WithAudio)
        {
            arguments.AddRange(["-c:a", encoding.Format switch
            {
                VideoFileFormat.Webm => "libopus",
                VideoFileFormat.Avi => "libmp3lame",
                _ => "aac",
            }, "-shortest"]);
        }

        if (encoding.StartOffsetSeconds != 0)
        {
            arguments.AddRange(["-output_ts_offset", encoding.StartOffsetSeconds.ToString("0.######", CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-fps_mode", variableFrameRate ? "vfr" : "cfr", "-threads", "1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
            "-f", Muxer(encoding.Format)]);
        return arguments;
    }

    private static string Muxer(VideoFileFormat format) => format switch
    {
        VideoFileFormat.Mp4 => "mp4",
        VideoFileFormat.Mov => "mov",
        VideoFileFormat.Mkv => "matroska",
        VideoFileFormat.Webm => "webm",
        VideoFileFormat.Avi => "avi",
        VideoFileFormat.MpegTs => "mpegts",
        VideoFileFormat.Flv => "flv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use a VideoFileFormat value."),
    };
}

using System.Globalization;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Validation;

/// <summary>The checks that need ffprobe's answer: a usable frame size and the configured caps.</summary>
internal static class VideoValidator
{
    public static void CheckFrameSize(VideoInfo video, string fileName)
    {
        if (video.CodedWidth <= 0 || video.CodedHeight <= 0)
        {
            throw new VideoRejectedException(VideoRejectionReason.Unreadable,
                $"'{fileName}' has a {video.VideoCodec} video stream without a frame size; the stream is damaged. Re-encode or re-upload the file.");
        }
    }

    public static void CheckCaps(VideoInfo video, SamplerOptions options, string fileName)
    {
        var largest = Math.Max(Math.Max(video.CodedWidth, video.CodedHeight), Math.Max(video.DisplayWidth, video.DisplayHeight));
        if (largest > options.MaxResolution)
        {
            throw new VideoRejectedException(VideoRejectionReason.ResolutionTooHigh,
                Invariant($"'{fileName}' is {video.DisplayWidth}x{video.DisplayHeight} pixels; the limit is {options.MaxResolution} pixels per side. Downscale the video before uploading."));
        }

        if (video.DurationSeconds > options.MaxDuration.TotalSeconds)
        {
            throw new VideoRejectedException(VideoRejectionReason.DurationTooLong,
                Invariant($"'{fileName}' lasts {FormatDuration(video.DurationSeconds)}; the limit is {FormatDuration(options.MaxDuration.TotalSeconds)}. Split or trim the video before uploading."));
        }
    }

    public static string FormatDuration(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss\.f", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

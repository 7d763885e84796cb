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

    /// <summary>
    /// Refuses a file whose container header and video stream disagree wildly about how long it lasts
    /// (an mp4 whose <c>mvhd</c> time scale is 0 reads as 1,000 times its length): such a file passes the
    /// probe and fails later, in decoding, at clips planned past its real end. "Wildly" is more than
    /// twice as long and more than <see cref="DurationSlackSeconds"/> apart, both ways round; a header a
    /// little off (rounding, an audio tail, an edit list) is normal and accepted.
    /// </summary>
    /// <param name="container">The container header's duration.</param>
    /// <param name="video">The video stream's duration, recorded or counted from its packets.</param>
    /// <param name="latestEnd">The latest any stream ends (start timestamp plus duration): the most the header may say.</param>
    /// <param name="counted">Whether <paramref name="video"/> was counted from packets rather than recorded.</param>
    /// <param name="fileName">The file's name for the message.</param>
    public static void CheckDurationsAgree(double container, double video, double latestEnd, bool counted, string fileName)
    {
        if (FarLonger(container, Math.Max(video, latestEnd)) || FarLonger(video, container))
        {
            var how = counted ? "counted from its packets" : "as its stream records";
            throw new VideoRejectedException(VideoRejectionReason.InconsistentDuration,
                Invariant($"'{fileName}' has a damaged header: the container says it lasts {FormatDuration(container)} but its video stream lasts {FormatDuration(video)} ({how}). Remux it (ffmpeg -i in -c copy out.mp4) and upload again."));
        }
    }

    /// <summary>How far apart, in seconds, two durations may be whatever their ratio: short videos differ by a few frames' rounding.</summary>
    public const double DurationSlackSeconds = 5;

    private static bool FarLonger(double longer, double shorter) => longer > 2 * shorter && longer - shorter > DurationSlackSeconds;

    public static string FormatDuration(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss\.f", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

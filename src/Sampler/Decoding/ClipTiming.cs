using System.Diagnostics;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// A clip's sampling grid in the video stream's own time base, in integers so that ffmpeg's filters and
/// our replay of them agree exactly. Tick n (the clip's n-th frame) is at <see cref="Shift"/> (its first
/// frame time, <see cref="PlannedClip.FrameTimes"/>) plus
/// n / rate seconds; a frame is shown at tick n when it is the last one whose timestamp is at or
/// before it.
/// </summary>
internal readonly record struct ClipTiming(long Shift, long LastTick, long Jump, Fraction TimeBase, Fraction Rate, double ContainerStart)
{
    public static ClipTiming For(VideoInfo video, ClipSampling sampling, double firstFrameSeconds)
    {
        var timeBase = video.TimeBase;
        Debug.Assert(timeBase.IsValid, "ffprobe always reports a stream time base.");
        var rate = Fraction.FromDouble(sampling.FramesPerSecond);

        // One tick lasts (rate.Den * tb.Den) / (rate.Num * tb.Num) time-base units.
        var tickNumerator = (Int128)rate.Denominator * timeBase.Denominator;
        var tickDenominator = (Int128)rate.Numerator * timeBase.Numerator;
        var shift = (long)Math.Round((firstFrameSeconds + video.ContainerStartSeconds) * timeBase.Denominator / timeBase.Numerator, MidpointRounding.AwayFromZero);
        var lastTick = (long)FloorDiv((sampling.FramesPerClip - 1) * tickNumerator, tickDenominator);
        var jump = (long)CeilDiv(2 * tickNumerator, tickDenominator) + 1;
        return new ClipTiming(shift, lastTick, jump, timeBase, rate, video.ContainerStartSeconds);
    }

    /// <summary>
    /// The timestamp transform given to ffmpeg's setpts: shift the clip start to 0 and push every frame
    /// after the last wanted tick two ticks further, so the fps filter emits the last wanted frame, and
    /// trim closes, as soon as the first later frame is decoded rather than a whole tick later.
    /// </summary>
    public long Transform(long pts)
    {
        var shifted = pts - Shift;
        return shifted > LastTick ? shifted + Jump : shifted;
    }

    /// <summary>The output tick ffmpeg's fps filter (round=up) files a frame under.</summary>
    public long TickOf(long pts) =>
        (long)CeilDiv((Int128)Transform(pts) * TimeBase.Numerator * Rate.Numerator, (Int128)TimeBase.Denominator * Rate.Denominator);

    /// <summary>A stream timestamp as seconds from the start of the video.</summary>
    public double SecondsOf(long pts) => ((double)pts * TimeBase.Numerator / TimeBase.Denominator) - ContainerStart;

    private static Int128 FloorDiv(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        return quotient.Remainder != 0 && (numerator < 0) != (denominator < 0) ? quotient.Quotient - 1 : quotient.Quotient;
    }

    private static Int128 CeilDiv(Int128 numerator, Int128 denominator) => -FloorDiv(-numerator, denominator);
}

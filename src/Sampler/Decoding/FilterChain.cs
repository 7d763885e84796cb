using System.Globalization;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// Builds the ffmpeg filter chain of one clip. Frame selection comes first, so that only the T chosen
/// frames are rotated, scaled and converted:
/// <c>showinfo</c> (logs every decoded frame's timestamp) → <c>setpts</c> (<see cref="ClipTiming.Transform"/>)
/// → <c>tpad</c> (holds the last frame past the end) → <c>fps</c> (round=up: each tick shows the last frame at or before it, the frame a player shows)
/// → <c>trim</c> (T frames) → <c>showinfo</c> (counts output) → rotation, scaling, padding or cropping → RGB24.
/// </summary>
internal static class FilterChain
{
    public static string ForClip(int input, int streamIndex, ClipTiming timing, int framesPerClip, string geometry, string outputLabel)
    {
        var shift = timing.Shift.ToString(CultureInfo.InvariantCulture);
        var last = timing.LastTick.ToString(CultureInfo.InvariantCulture);
        var jump = timing.Jump.ToString(CultureInfo.InvariantCulture);
        // Past the end of the stream the last decoded frame is held for a clip's length, so a moment asked
        // for after the end shows the video's last frame (as a player would), not the last one fps emitted.
        var pad = ((framesPerClip + 1) * (double)timing.Rate.Denominator / timing.Rate.Numerator).ToString("0.######", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{input}:{streamIndex}]showinfo@p{input}=checksum=0," +
            $"setpts=PTS-{shift}+if(gt(PTS-{shift}\\,{last})\\,{jump}\\,0)," +
            $"tpad=stop_mode=clone:stop_duration={pad}," +
            $"fps=fps={timing.Rate.Numerator}/{timing.Rate.Denominator}:round=up:start_time=0," +
            $"trim=end_frame={framesPerClip}," +
            $"showinfo@q{input}=checksum=0," +
            $"{geometry}[{outputLabel}]");
    }

    /// <summary>Rotation as a player would apply it, then the model's square: all after frame selection.</summary>
    public static string Geometry(VideoInfo video, FrameSpec frames)
    {
        var parts = new List<string>();
        switch (video.RotationDegrees)
        {
            case 90:
                parts.Add("transpose=clock");
                break;
            case 180:
                parts.Add("hflip");
                parts.Add("vflip");
                break;
            case 270:
                parts.Add("transpose=cclock");
                break;
        }

        var size = frames.Size;
        var (width, height) = (video.DisplayWidth, video.DisplayHeight);
        if (frames.Mode == ResizeMode.PadToSquare)
        {
            // ClipBERT: longer side to S, the other truncated, image top-left, zeros elsewhere.
            var (scaledWidth, scaledHeight) = width >= height
                ? (size, Math.Max(1, (int)((double)size * height / width)))
                : (Math.Max(1, (int)((double)size * width / height)), size);
            parts.Add(Invariant($"scale={scaledWidth}:{scaledHeight}:flags=bilinear"));
            parts.Add("format=rgb24");
            parts.Add(Invariant($"pad={size}:{size}:0:0:black"));
        }
        else if (frames.Mode == ResizeMode.Squash)
        {
            // SigLIP's: both sides to S, the aspect ratio given up.
            parts.Add(Invariant($"scale={size}:{size}:flags=bilinear"));
            parts.Add("format=rgb24");
        }
        else
        {
            var (scaledWidth, scaledHeight) = width <= height
                ? (size, Math.Max(size, (int)Math.Round((double)size * height / width)))
                : (Math.Max(size, (int)Math.Round((double)size * width / height)), size);
            parts.Add(Invariant($"scale={scaledWidth}:{scaledHeight}:flags=bilinear"));
            parts.Add(Invariant($"crop={size}:{size}:{(scaledWidth - size) / 2}:{(scaledHeight - size) / 2}"));
            parts.Add("format=rgb24");
        }

        parts.Add("setsar=1");
        return string.Join(',', parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

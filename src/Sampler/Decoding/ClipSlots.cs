using VideoLang.Sampler.Planning;

namespace VideoLang.Sampler.Decoding;

/// <summary>Puts decoded frames into each clip's slot of the batch buffer and describes the result.</summary>
internal static class ClipSlots
{
    /// <summary>
    /// ffmpeg wrote a group's frames back to back; move each clip's frames to the start of its own slot.
    /// Slots only move towards the end, so going from the last clip to the first never overwrites
    /// frames not yet moved.
    /// </summary>
    public static void Compact(Span<byte> region, int[] outputFrames, int clipBytes, int frameBytes)
    {
        var source = outputFrames.Sum() * frameBytes;
        for (var k = outputFrames.Length - 1; k >= 0; k--)
        {
            var length = outputFrames[k] * frameBytes;
            source -= length;
            region.Slice(source, length).CopyTo(region.Slice(k * clipBytes, length));
        }
    }

    /// <summary>
    /// Fills the frames ffmpeg did not emit with the last decoded one, works out, from the frames that
    /// entered the filter, which source frame each output frame is, and counts the frames asked for at
    /// or past the end of the <paramref name="videoSeconds"/>-long video (they show its last frame).
    /// </summary>
    public static DecodedClip Finish(PlannedClip clip, int framesPerClip, int frameBytes, ClipTiming timing, ClipOutput output, double videoSeconds, Span<byte> slot)
    {
        var decodedFrames = output.OutputFrames;
        var last = slot.Slice((decodedFrames - 1) * frameBytes, frameBytes);
        for (var f = decodedFrames; f < framesPerClip; f++)
        {
            last.CopyTo(slot.Slice(f * frameBytes, frameBytes));
        }

        var picks = FpsReplay.Pick(output.InputPts, timing, decodedFrames);
        var timestamps = new double[framesPerClip];
        for (var f = 0; f < framesPerClip; f++)
        {
            var pick = picks[Math.Min(f, decodedFrames - 1)];
            timestamps[f] = output.InputPts.Count > 0 ? timing.SecondsOf(output.InputPts[pick]) : double.NaN;
        }

        var pastTheEnd = clip.FrameTimes.Count(t => t >= videoSeconds);
        return new DecodedClip(clip.Index, clip.StartSeconds, clip.EndSeconds, clip.FrameTimes, timestamps, pastTheEnd, output.Errors.ToArray());
    }
}

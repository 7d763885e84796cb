namespace VideoLang.Sampler.Decoding;

/// <summary>
/// Replays ffmpeg's fps filter (round=up, start_time=0, as configured by <see cref="FilterChain"/>) over
/// the frames that entered it, to learn which source frame each output frame is. The filter holds two
/// frames; it drops the older while the newer is due at or before the next tick, and otherwise emits the
/// older for that tick. Before the first frame it repeats the first; after the last, the last.
/// </summary>
internal static class FpsReplay
{
    /// <returns>For each of the <paramref name="outputCount"/> ticks, the index of the frame shown.</returns>
    public static int[] Pick(IReadOnlyList<long> inputPts, ClipTiming timing, int outputCount)
    {
        var picks = new int[outputCount];
        if (outputCount == 0 || inputPts.Count == 0)
        {
            return picks;
        }

        var next = 0L;
        var emitted = 0;
        var older = -1;
        var newer = -1;
        var newerTick = 0L;
        for (var i = 0; i < inputPts.Count && emitted < outputCount; i++)
        {
            if (older < 0)
            {
                older = i;
                continue;
            }

            newer = i;
            newerTick = timing.TickOf(inputPts[i]);
            while (newer >= 0 && emitted < outputCount)
            {
                if (newerTick <= next)
                {
                    older = newer;
                    newer = -1;
                }
                else
                {
                    picks[emitted++] = older;
                    next++;
                }
            }
        }

        // End of input: the filter keeps applying the same rule to what it holds, then repeats the last.
        while (emitted < outputCount)
        {
            if (newer >= 0 && newerTick <= next)
            {
                older = newer;
                newer = -1;
                continue;
            }

            picks[emitted++] = older;
            next++;
        }

        return picks;
    }
}

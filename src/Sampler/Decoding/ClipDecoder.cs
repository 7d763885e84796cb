using System.Buffers;
using System.Globalization;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// Decodes a plan's clips into one pooled buffer. The clips are split into groups, one ffmpeg process
/// per group (<see cref="DecodeGroup"/>), run in parallel under the sampler-wide limit. A clip whose
/// result is doubtful is decoded again on its own: when its seek landed after the moment it needed
/// (some containers seek imprecisely) it is re-run from further back; when its group reported errors it
/// is re-run alone so the error is pinned on the right clip.
/// </summary>
internal sealed class ClipDecoder(SamplerOptions options, SemaphoreSlim limiter)
{
    /// <summary>How far before a clip to seek on successive attempts, in seconds.</summary>
    private static readonly double[] s_seekLeads = [0, 1, 4, 16];

    public async Task<ClipBatch> DecodeAsync(string fullPath, VideoInfo video, ClipPlan plan, FrameSpec frames, CancellationToken cancellationToken)
    {
        var clipCount = plan.Clips.Count;
        var clipBytes = plan.Sampling.FramesPerClip * frames.BytesPerFrame;
        var buffer = ArrayPool<byte>.Shared.Rent(clipCount * clipBytes);
        try
        {
            var decoded = new DecodedClip[clipCount];
            using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = new DecodeWork(fullPath, video, plan, frames, buffer, decoded, failFast.Token);
            var tasks = Groups(clipCount).Select(group => RunGroupAsync(work, group, failFast)).ToArray();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception) when (tasks.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not OperationCanceledException) is { } failed)
            {
                // Report the clip that failed, not a sibling cancelled because of it.
                throw failed.Exception!.InnerException!;
            }

            return new ClipBatch(buffer, video, plan, frames, decoded);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Contiguous groups: enough to keep every allowed process busy on a single video, and no group
    /// larger than <see cref="SamplerOptions.MaxClipsPerProcess"/>.
    /// </summary>
    private List<Range> Groups(int clipCount)
    {
        var groupCount = Math.Min(clipCount, Math.Max(
            (clipCount + options.MaxClipsPerProcess - 1) / options.MaxClipsPerProcess,
            options.MaxConcurrentDecodes));
        var groups = new List<Range>(groupCount);
        for (var g = 0; g < groupCount; g++)
        {
            groups.Add(new Range(clipCount * g / groupCount, clipCount * (g + 1) / groupCount));
        }

        return groups;
    }

    private async Task RunGroupAsync(DecodeWork work, Range range, CancellationTokenSource failFast)
    {
        try
        {
            var (start, count) = range.GetOffsetAndLength(work.Plan.Clips.Count);
            var clips = work.Plan.Clips.Skip(start).Take(count).ToList();
            var region = work.Buffer.AsMemory(start * work.ClipBytes, count * work.ClipBytes);
            var inputs = clips.Select(c => Input(work, c, 0)).ToList();
            var result = await RunLimitedAsync(work, inputs, region).ConfigureAwait(false);
            if (result.Placeable)
            {
                ClipSlots.Compact(region.Span, result.Clips.Select(c => c.OutputFrames).ToArray(), work.ClipBytes, work.Frames.BytesPerFrame);
            }

            for (var i = 0; i < clips.Count; i++)
            {
                var trusted = result.Placeable && (clips.Count == 1 || (result.GroupErrors.Count == 0 && result.Clips[i].Errors.Count == 0));
                work.Decoded[clips[i].Index] = await FinishClipAsync(work, clips[i], trusted ? result.Clips[i] : null, result).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failFast.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DecodedClip> FinishClipAsync(DecodeWork work, PlannedClip clip, ClipOutput? fromGroup, GroupResult groupResult)
    {
        var region = work.Buffer.AsMemory(clip.Index * work.ClipBytes, work.ClipBytes);
        var attempt = 0;
        var input = Input(work, clip, attempt);
        var output = fromGroup;
        var result = groupResult;
        if (output is null)
        {
            result = await RunLimitedAsync(work, [input], region).ConfigureAwait(false);
            output = result.Clips[0];
        }

        while (SeekedTooLate(work.Video, input, output) && attempt + 1 < s_seekLeads.Length)
        {
            attempt++;
            input = Input(work, clip, attempt);
            result = await RunLimitedAsync(work, [input], region).ConfigureAwait(false);
            output = result.Clips[0];
        }

        if (output.TimeBaseMismatch)
        {
            throw new MediaToolException(string.Create(CultureInfo.InvariantCulture,
                $"ffmpeg filtered '{Path.GetFileName(work.FullPath)}' in a time base other than ffprobe's {work.Video.TimeBase}; the frame timing cannot be trusted. Probe the file again with this ffmpeg version."));
        }

        var fileName = Path.GetFileName(work.FullPath);
        if (output.OutputFrames == 0 || !result.Complete)
        {
            var reason = output.OutputFrames == 0
                ? "no frame could be decoded there; the file is truncated or corrupt at this point"
                : "ffmpeg failed";
            throw new ClipDecodeException(fileName, clip.Index, clip.StartSeconds, clip.EndSeconds, Detail(reason, output, result));
        }

        if (output.Errors.Count > 0 && !options.ConcealDecodeErrors)
        {
            throw new ClipDecodeException(fileName, clip.Index, clip.StartSeconds, clip.EndSeconds,
                Detail("the video data is corrupt here (set SamplerOptions.ConcealDecodeErrors to keep ffmpeg's concealed frames)", output, result));
        }

        return ClipSlots.Finish(clip, work.Plan.Sampling.FramesPerClip, work.Frames.BytesPerFrame, input.Timing, output, work.Video.DurationSeconds, region.Span);
    }

    /// <summary>
    /// The seek landed after the clip's first frame time although the video has frames before it: the
    /// container seeked imprecisely (MPEG-TS, FLV without an index) and an earlier seek is needed.
    /// </summary>
    private static bool SeekedTooLate(VideoInfo video, GroupInput input, ClipOutput output) =>
        input.SeekSeconds > 0
        && (output.OutputFrames == 0
            || (output.InputPts.Count > 0 && output.InputPts[0] > input.Timing.Shift && input.Clip.FrameTimes[0] > video.VideoStartSeconds + 1e-3));

    private static GroupInput Input(DecodeWork work, PlannedClip clip, int attempt) =>
        new(clip, Math.Max(0, clip.StartSeconds - s_seekLeads[attempt]), ClipTiming.For(work.Video, work.Plan.Sampling, clip.FrameTimes[0]));

    private async Task<GroupResult> RunLimitedAsync(DecodeWork work, IReadOnlyList<GroupInput> inputs, Memory<byte> region)
    {
        await limiter.WaitAsync(work.CancellationToken).ConfigureAwait(false);
        try
        {
            return await DecodeGroup.RunAsync(options, work.FullPath, work.Video, work.Plan.Sampling, work.Frames, inputs, region, work.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            limiter.Release();
        }
    }

    private static string Detail(string reason, ClipOutput output, GroupResult result)
    {
        var messages = output.Errors.Concat(result.GroupErrors).Concat(result.DecoderMessages).Distinct(StringComparer.Ordinal).Take(4).ToList();
        return messages.Count == 0 ? reason + "." : reason + string.Create(CultureInfo.InvariantCulture, $" (ffmpeg: {string.Join("; ", messages)}).");
    }
}

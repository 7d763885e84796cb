using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Training;

/// <summary>
/// Decodes the clips of training videos once. Videos are queued, a few in flight at a time (the
/// sampler's processes are bounded by <see cref="MediaProcesses"/>), so a manifest of thousands
/// never starts thousands of probes. A video that fails is tried once more, then reported by name.
/// </summary>
public static class TrainingVideos
{
    /// <summary>
    /// <paramref name="clips"/> clips of <paramref name="framesPerClip"/> frames spread over each video
    /// (the inference plan), at <paramref name="imageSize"/> pixels, ClipBERT's padding.
    /// </summary>
    /// <exception cref="TrainingDataException">Some videos could not be decoded twice; the others were decoded first, then released.</exception>
    public static async Task<IReadOnlyList<DecodedVideo>> DecodeAsync(VideoSampler sampler, IReadOnlyList<TrainingExample> examples,
        int clips, int framesPerClip, double framesPerSecond, int imageSize, CancellationToken cancellationToken = default) =>
        (await PrepareAsync(sampler, examples, new ClipSampling(clips, framesPerClip, framesPerSecond), imageSize, UnreadableVideos.Fail, null, cancellationToken)
            .ConfigureAwait(false)).Videos;

    /// <summary>
    /// Decodes every example's video; with <see cref="UnreadableVideos.Skip"/> the examples whose video
    /// failed twice are left out of the result and listed in <see cref="PreparedVideos.Skipped"/>.
    /// <paramref name="progress"/> hears the number of videos done (decoded or given up) after each.
    /// </summary>
    public static async Task<PreparedVideos> PrepareAsync(VideoSampler sampler, IReadOnlyList<TrainingExample> examples, ClipSampling sampling,
        int imageSize, UnreadableVideos unreadable, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(sampling);
        var frames = new FrameSpec(imageSize, ResizeMode.PadToSquare);
        var decoded = new DecodedVideo?[examples.Count];
        var reasons = new string?[examples.Count];
        var done = 0;
        // Enough videos in flight to keep every media process busy (a video alternates probe and decode), no more.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 * MediaProcesses.Limit, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, examples.Count), parallel, async (i, ct) =>
            {
                (decoded[i], reasons[i]) = await DecodeWithRetryAsync(sampler, examples[i].VideoPath, sampling, frames, ct).ConfigureAwait(false);
                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }
        catch
        {
            Release(decoded);
            throw;
        }

        var failures = Enumerable.Range(0, examples.Count)
            .Where(i => reasons[i] is not null)
            .Select(i => new TrainingVideoFailure(examples[i].VideoPath, reasons[i]!))
            .ToList();
        if (failures.Count > 0 && unreadable == UnreadableVideos.Fail)
        {
            Release(decoded);
            throw new TrainingDataException(failures, examples.Count);
        }
        var kept = Enumerable.Range(0, examples.Count).Where(i => decoded[i] is not null).ToList();
        return new PreparedVideos(kept.Select(i => examples[i]).ToList(), kept.Select(i => decoded[i]!).ToList(), failures);
    }

    private static async Task<(DecodedVideo?, string?)> DecodeWithRetryAsync(VideoSampler sampler, string path, ClipSampling sampling, FrameSpec frames,
        CancellationToken cancellationToken)
    {
        string? firstReason = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                using var batch = await sampler.SampleAsync(path, sampling, SamplingMode.Inference, frames, 0, cancellationToken).ConfigureAwait(false);
                return (DecodedVideo.From(batch), null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A timeout or a crash can be the machine's moment, not the file's: one more try tells them apart.
                if (attempt == 2)
                {
                    return (null, firstReason == e.Message ? e.Message : $"{e.Message} (first try: {firstReason})");
                }
                firstReason = e.Message;
            }
        }
        throw new InvalidOperationException("Unreachable: the loop returns on its second attempt.");
    }

    private static void Release(IEnumerable<DecodedVideo?> videos)
    {
        foreach (var video in videos)
        {
            video?.Dispose();
        }
    }
}

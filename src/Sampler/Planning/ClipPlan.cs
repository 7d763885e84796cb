namespace VideoLang.Sampler.Planning;

/// <summary>
/// Which moments of a video the model will see: <see cref="Clips"/> clips of
/// <see cref="ClipSampling.FramesPerClip"/> frames each. Made by <see cref="ForTraining"/> (seeded random
/// starts) or <see cref="ForInference"/> (uniform starts), both deterministic for the same arguments.
/// </summary>
public sealed record ClipPlan
{
    private ClipPlan(ClipSampling sampling, SamplingMode mode, double videoSeconds, IReadOnlyList<PlannedClip> clips)
    {
        Sampling = sampling;
        Mode = mode;
        VideoSeconds = videoSeconds;
        Clips = clips;
    }

    public ClipSampling Sampling { get; }

    public SamplingMode Mode { get; }

    /// <summary>The video duration the plan was made for.</summary>
    public double VideoSeconds { get; }

    public IReadOnlyList<PlannedClip> Clips { get; }

    /// <summary>
    /// ClipBERT's training sampling: each clip starts at a time drawn uniformly from
    /// [0, duration - clip length] by a generator seeded with <paramref name="seed"/> (vary it per epoch).
    /// A video shorter than one clip gets clips starting at 0.
    /// </summary>
    public static ClipPlan ForTraining(double videoSeconds, ClipSampling sampling, int seed)
    {
        Validate(videoSeconds, sampling);
        var random = new Random(seed);
        var latestStart = Math.Max(0, videoSeconds - sampling.ClipSeconds);
        var starts = Enumerable.Range(0, sampling.ClipCount).Select(_ => random.NextDouble() * latestStart).ToList();
        return Create(videoSeconds, sampling, SamplingMode.Training, starts);
    }

    /// <summary>
    /// Inference sampling: the video is cut into <see cref="ClipSampling.ClipCount"/> equal parts and each
    /// clip is centred on its part (so one clip takes the middle), moved inside the video where needed.
    /// </summary>
    public static ClipPlan ForInference(double videoSeconds, ClipSampling sampling)
    {
        Validate(videoSeconds, sampling);
        var latestStart = Math.Max(0, videoSeconds - sampling.ClipSeconds);
        var starts = Enumerable.Range(0, sampling.ClipCount)
            .Select(i => Math.Clamp((videoSeconds * (i + 0.5) / sampling.ClipCount) - (sampling.ClipSeconds / 2), 0, latestStart))
            .ToList();
        return Create(videoSeconds, sampling, SamplingMode.Inference, starts);
    }

    /// <summary>A plan for <paramref name="mode"/>; <paramref name="seed"/> only matters for training.</summary>
    public static ClipPlan Create(double videoSeconds, ClipSampling sampling, SamplingMode mode, int seed = 0) =>
        mode == SamplingMode.Training ? ForTraining(videoSeconds, sampling, seed) : ForInference(videoSeconds, sampling);

    private static ClipPlan Create(double videoSeconds, ClipSampling sampling, SamplingMode mode, List<double> starts)
    {
        var clips = starts
            .Select((start, index) => new PlannedClip(
                index,
                start,
                start + sampling.ClipSeconds,
                // Each frame in the middle of its 1/fps slot, so a clip's frames are centred in its span and a
                // plan's frames in the video: played backwards, a video shows the model the same frames in
                // reverse order, and only the order inside a clip tells which way things move.
                Enumerable.Range(0, sampling.FramesPerClip).Select(k => start + ((k + 0.5) / sampling.FramesPerSecond)).ToArray()))
            .ToArray();
        return new ClipPlan(sampling, mode, videoSeconds, clips);
    }

    private static void Validate(double videoSeconds, ClipSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        sampling.Validate();
        if (!double.IsFinite(videoSeconds) || videoSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(videoSeconds), videoSeconds, "Plan clips for a positive video duration (VideoInfo.DurationSeconds).");
        }
    }
}

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// The one bound on ffprobe and ffmpeg processes this .NET process runs at once, whoever starts them
/// (ingest, training data preparation, the synthetic generator, benchmarks). Callers with many files
/// queue here instead of starting a process each: a thousand processes started together on two cores
/// each wait their turn for a CPU and run out their time limits doing nothing. A process's time limit
/// starts only once it has its place (see <see cref="ProcessBudget"/>).
/// </summary>
public static class MediaProcesses
{
    internal static ProcessGate Gate { get; } = new(DefaultLimit);

    /// <summary>The number of processors: each ffmpeg decodes with one thread by default.</summary>
    public static int DefaultLimit => Environment.ProcessorCount;

    /// <summary>Most ffprobe/ffmpeg processes running at once. Set from <see cref="SamplerOptions.MaxMediaProcesses"/>.</summary>
    public static int Limit
    {
        get => Gate.Capacity;
        set => Gate.Capacity = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Allow at least one media process at once.");
    }

    /// <summary>Processes running now.</summary>
    public static int Running => Gate.Inside;

    /// <summary>Runs queued for a place now.</summary>
    public static int Waiting => Gate.Waiting;
}

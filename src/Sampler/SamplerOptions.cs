using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler;

/// <summary>
/// Operational settings of a <see cref="VideoSampler"/>: where ffmpeg is, what files are accepted and
/// how much decoding may run at once. Bind it from configuration (section <c>Sampler</c>); how clips
/// are sampled and how frames are sized belong to the model and are passed per call.
/// </summary>
public sealed class SamplerOptions
{
    /// <summary>The ffmpeg binary, a path or a name looked up on PATH. Default <c>ffmpeg</c>.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe binary, a path or a name looked up on PATH. Default <c>ffprobe</c>.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Largest accepted file. Default 4 GiB.</summary>
    public long MaxFileBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Longest accepted video. Default 4 hours.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Largest accepted width or height in pixels (stored or displayed). Default 8192.</summary>
    public int MaxResolution { get; set; } = 8192;

    /// <summary>Containers accepted. Default all of mp4/mov, matroska/webm, avi, mpegts and flv.</summary>
    public ContainerFormats AllowedContainers { get; set; } = ContainerFormats.All;

    /// <summary>
    /// ffmpeg processes one sampler runs at once, across all videos being decoded. Default: the number
    /// of processors.
    /// </summary>
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Most clips one ffmpeg process decodes (each clip is its own seeked input). Larger groups start
    /// fewer processes; smaller ones spread a single video over more cores. Default 8.
    /// </summary>
    public int MaxClipsPerProcess { get; set; } = 8;

    /// <summary>Decoder threads per clip input; 0 lets ffmpeg choose. Default 1: parallelism comes from processes.</summary>
    public int DecoderThreads { get; set; } = 1;

    /// <summary>
    /// What to do when ffmpeg reports decoding errors inside a clip (a corrupt stretch of the file).
    /// false (default): throw <see cref="Decoding.ClipDecodeException"/> naming the clip. true: keep the
    /// frames as ffmpeg concealed them and list the errors in <see cref="Decoding.DecodedClip.DecodeErrors"/>.
    /// </summary>
    public bool ConcealDecodeErrors { get; set; }

    /// <summary>
    /// Processor time one ffprobe or ffmpeg run may use before it is stopped, counted from its start (not
    /// while it queues for a place), so a loaded machine slows a run down without failing it. Default 2 minutes.
    /// </summary>
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Wall-clock time one run may last once started, whatever processor time it used: stops a tool that
    /// hangs without working. Default 15 minutes.
    /// </summary>
    public TimeSpan ProcessWallTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Most ffprobe/ffmpeg processes running at once in this .NET process, for every sampler and caller
    /// together (<see cref="Ffmpeg.MediaProcesses"/>); a sampler built with a value sets the shared limit.
    /// Default null: leave it as it is (the number of processors unless set before).
    /// </summary>
    public int? MaxMediaProcesses { get; set; }

    internal Ffmpeg.ProcessBudget Budget => new(ProcessTimeout, ProcessWallTimeout);

    internal void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(FfmpegPath), nameof(FfmpegPath), "set it to the ffmpeg binary, e.g. /usr/bin/ffmpeg");
        Require(!string.IsNullOrWhiteSpace(FfprobePath), nameof(FfprobePath), "set it to the ffprobe binary, e.g. /usr/bin/ffprobe");
        Require(MaxFileBytes > 0, nameof(MaxFileBytes), "use a positive number of bytes");
        Require(MaxDuration > TimeSpan.Zero, nameof(MaxDuration), "use a positive duration");
        Require(MaxResolution > 0, nameof(MaxResolution), "use a positive number of pixels");
        Require(AllowedContainers != ContainerFormats.None && (AllowedContainers & ~ContainerFormats.All) == 0,
            nameof(AllowedContainers), "allow at least one of Mov, Matroska, Avi, MpegTs, Flv and nothing else");
        Require(MaxConcurrentDecodes > 0, nameof(MaxConcurrentDecodes), "use at least 1");
        Require(MaxClipsPerProcess > 0, nameof(MaxClipsPerProcess), "use at least 1");
        Require(DecoderThreads >= 0, nameof(DecoderThreads), "use 0 (ffmpeg decides) or a positive count");
        Require(ProcessTimeout > TimeSpan.Zero, nameof(ProcessTimeout), "use a positive duration");
        Require(ProcessWallTimeout > TimeSpan.Zero, nameof(ProcessWallTimeout), "use a positive duration");
        Require(MaxMediaProcesses is null or > 0, nameof(MaxMediaProcesses), "use at least 1, or leave it unset for the number of processors");
    }

    private static void Require(bool condition, string name, string fix)
    {
        if (!condition)
        {
            throw new ArgumentException($"SamplerOptions.{name} is invalid: {fix}.", name);
        }
    }
}

using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler;

/// <summary>
/// The sampler: probes and validates a video file with ffprobe, plans ClipBERT-style sparse clips and
/// decodes only the frames those clips need with ffmpeg (an input seek per clip, exact frame selection,
/// scaling to the model's square, RGB24 into a pooled buffer). One instance is meant to be shared: its
/// limit on concurrent ffmpeg processes applies across every call.
/// </summary>
public sealed class VideoSampler
{
    private readonly VideoProber _prober;
    private readonly ClipDecoder _decoder;

    public VideoSampler(SamplerOptions? options = null)
    {
        Options = options ?? new SamplerOptions();
        Options.Validate();
        if (Options.MaxMediaProcesses is { } processes)
        {
            Ffmpeg.MediaProcesses.Limit = processes;
        }
        _prober = new VideoProber(Options);
        _decoder = new ClipDecoder(Options, new SemaphoreSlim(Options.MaxConcurrentDecodes, Options.MaxConcurrentDecodes));
    }

    public SamplerOptions Options { get; }

    /// <summary>
    /// Probes <paramref name="path"/> and checks it against the allow-list and caps. Throws
    /// <see cref="Validation.VideoRejectedException"/> (with the reason) for anything that is not an
    /// acceptable video; ffmpeg never reads anything but the file itself.
    /// </summary>
    public Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        _prober.ProbeAsync(path, cancellationToken);

    /// <summary>
    /// Decodes the frames of <paramref name="plan"/> from <paramref name="path"/>, which must be the file
    /// <paramref name="video"/> was probed from. Throws <see cref="ClipDecodeException"/> naming the clip
    /// when part of the file cannot be decoded.
    /// </summary>
    public Task<ClipBatch> DecodeAsync(string path, VideoInfo video, ClipPlan plan, FrameSpec frames, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(frames);
        frames.Validate();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no file at '{Path.GetFullPath(path)}'. Pass the path the VideoInfo was probed from.", path);
        }

        return _decoder.DecodeAsync(Path.GetFullPath(path), video, plan, frames, cancellationToken);
    }

    /// <summary>
    /// Probe, plan and decode in one call; <paramref name="seed"/> seeds the clip starts in
    /// <see cref="SamplingMode.Training"/> and is ignored for inference.
    /// </summary>
    public async Task<ClipBatch> SampleAsync(
        string path,
        ClipSampling sampling,
        SamplingMode mode,
        FrameSpec frames,
        int seed = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var video = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var plan = ClipPlan.Create(video.DurationSeconds, sampling, mode, seed);
        return await DecodeAsync(path, video, plan, frames, cancellationToken).ConfigureAwait(false);
    }
}

using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Training;

/// <summary>Decodes the clips of training videos once, in parallel (the sampler bounds ffmpeg processes).</summary>
public static class TrainingVideos
{
    /// <summary>
    /// <paramref name="clips"/> clips of <paramref name="framesPerClip"/> frames spread over each video
    /// (the inference plan), at <paramref name="imageSize"/> pixels, ClipBERT's padding.
    /// </summary>
    public static async Task<IReadOnlyList<DecodedVideo>> DecodeAsync(VideoSampler sampler, IReadOnlyList<TrainingExample> examples,
        int clips, int framesPerClip, double framesPerSecond, int imageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(examples);
        var sampling = new ClipSampling(clips, framesPerClip, framesPerSecond);
        var frames = new FrameSpec(imageSize, ResizeMode.PadToSquare);
        var decoded = await Task.WhenAll(examples.Select(async example =>
        {
            using var batch = await sampler.SampleAsync(example.VideoPath, sampling, SamplingMode.Inference, frames, 0, cancellationToken).ConfigureAwait(false);
            return DecodedVideo.From(batch);
        })).ConfigureAwait(false);
        return decoded;
    }
}

using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Model.Training;

/// <summary>
/// A video's sampled clips kept in memory as bytes (clips, T, S, S, 3), with each clip's time range,
/// so training epochs draw clips without running ffmpeg again.
/// </summary>
public sealed class DecodedVideo : IDisposable
{
    internal DecodedVideo(Tensor pixels, IReadOnlyList<DecodedClip> clips)
    {
        Pixels = pixels;
        Clips = clips;
    }

    /// <summary>uint8 (clips, T, S, S, 3), owned by this object.</summary>
    public Tensor Pixels { get; }

    public IReadOnlyList<DecodedClip> Clips { get; }

    public int ClipCount => Clips.Count;

    public static DecodedVideo From(ClipBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pixels = Tensor.FromSpan(batch.Pixels, [batch.ClipCount, batch.FramesPerClip, batch.FrameSize, batch.FrameSize, 3]).DetachFromDisposeScope();
        return new DecodedVideo(pixels, batch.Clips);
    }

    public void Dispose() => Pixels.Dispose();
}

using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>One <see cref="ClipDecoder.DecodeAsync"/> call: the file, the plan, and the buffer and results its groups fill.</summary>
internal sealed record DecodeWork(string FullPath, VideoInfo Video, ClipPlan Plan, FrameSpec Frames, byte[] Buffer, DecodedClip[] Decoded, CancellationToken CancellationToken)
{
    /// <summary>Bytes of one clip: T frames of S x S x 3.</summary>
    public int ClipBytes => Plan.Sampling.FramesPerClip * Frames.BytesPerFrame;
}

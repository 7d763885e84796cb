using System.Buffers;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// The decoded clips of one video as one block of RGB24 bytes in a pooled buffer, laid out
/// <c>[clip][frame][row][col][rgb]</c>: N × T × S × S × 3 bytes, row-major, top-left first, R then G
/// then B, 0-255. <see cref="Clips"/> gives each clip's time range and every frame's timestamp. Dispose
/// it once the bytes are copied (into a tensor, say): the buffer goes back to the pool.
/// </summary>
public sealed class ClipBatch : IDisposable
{
    private byte[]? _buffer;

    internal ClipBatch(byte[] buffer, VideoInfo video, ClipPlan plan, FrameSpec frames, IReadOnlyList<DecodedClip> clips)
    {
        _buffer = buffer;
        Video = video;
        Plan = plan;
        Frames = frames;
        Clips = clips;
    }

    public VideoInfo Video { get; }

    public ClipPlan Plan { get; }

    public FrameSpec Frames { get; }

    public IReadOnlyList<DecodedClip> Clips { get; }

    /// <summary>N: number of clips.</summary>
    public int ClipCount => Clips.Count;

    /// <summary>T: frames per clip.</summary>
    public int FramesPerClip => Plan.Sampling.FramesPerClip;

    /// <summary>S: frames are S×S pixels.</summary>
    public int FrameSize => Frames.Size;

    /// <summary>N × T × S × S × 3.</summary>
    public int Length => ClipCount * FramesPerClip * Frames.BytesPerFrame;

    /// <summary>All pixels, in the documented layout.</summary>
    public ReadOnlySpan<byte> Pixels => Buffer.AsSpan(0, Length);

    /// <summary>All pixels as memory, for asynchronous consumers.</summary>
    public ReadOnlyMemory<byte> PixelMemory => Buffer.AsMemory(0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(ClipBatch), "This ClipBatch was disposed and its buffer returned to the pool; copy the pixels before disposing.");

    /// <summary>The S × S × 3 bytes of one frame.</summary>
    public ReadOnlySpan<byte> GetFrame(int clip, int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clip, ClipCount);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FramesPerClip);
        return Buffer.AsSpan(((clip * FramesPerClip) + frame) * Frames.BytesPerFrame, Frames.BytesPerFrame);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

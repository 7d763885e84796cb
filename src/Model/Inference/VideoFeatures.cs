using VideoLang.Torch;

namespace VideoLang.Model.Inference;

/// <summary>
/// What the model keeps of one video so texts can be scored without re-running the CNN: the visual
/// tokens of every clip (clips, tokens, hidden), the clips' time ranges, and the dual-encoder
/// embedding. <see cref="ToHalfBytes"/> / <see cref="FromHalfBytes"/> store the tokens compactly.
/// </summary>
public sealed class VideoFeatures : IDisposable
{
    public VideoFeatures(Tensor tokens, IReadOnlyList<ClipSpan> clips, float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Dim != 3 || tokens.Size(0) != clips.Count)
        {
            throw new ArgumentException($"Tokens must be (clips, tokens, hidden) with {clips.Count} clips; got [{string.Join(", ", tokens.Shape)}].", nameof(tokens));
        }
        Tokens = tokens.DetachFromDisposeScope();
        Clips = clips;
        Embedding = embedding;
    }

    public Tensor Tokens { get; }

    public IReadOnlyList<ClipSpan> Clips { get; }

    /// <summary>The normalised dual-encoder embedding of the whole video.</summary>
    public float[] Embedding { get; }

    /// <summary>The tokens of one clip as float16 bytes, for the store; shape is (tokens, hidden).</summary>
    public byte[] ToHalfBytes(int clip)
    {
        using var scope = new DisposeScope();
        return Tokens.Select(0, clip).To(Device.Cpu, ScalarType.Float16).ToBytes();
    }

    /// <summary>Rebuilds features from stored float16 clip tokens (each tokens × hidden).</summary>
    public static VideoFeatures FromHalfBytes(IReadOnlyList<byte[]> clipTokens, long tokens, long hidden, IReadOnlyList<ClipSpan> clips, float[] embedding, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(clipTokens);
        using var scope = new DisposeScope();
        var parts = clipTokens.Select(b => Tensor.FromSpan<byte>(b, [tokens, hidden], ScalarType.Float16)).ToArray();
        var stacked = Tensors.Stack(parts).To(device ?? Device.Cpu, ScalarType.Float32);
        return new VideoFeatures(scope.MoveOut(stacked), clips, embedding);
    }

    public void Dispose() => Tokens.Dispose();
}

using VideoLang.Sampler.Decoding;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.NN;

namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>
/// A loaded embedder as ingest and search use it: the frames it wants, one normalised embedding per
/// decoded clip (its frames' image embeddings averaged, then normalised), and, when it has a text side,
/// normalised text embeddings in the same space with a <see cref="Calibration"/> for their scores. Used
/// only on the <see cref="ModelRunner"/>'s thread.
/// </summary>
public abstract class ClipEmbedder : IDisposable
{
    /// <summary>Frames embedded per forward pass, so a long video's hundreds of clips do not need one huge batch.</summary>
    protected const int FramesPerPass = 32;

    private float[][]? _nullBank;

    /// <summary>Size and resizing of the frames, as the model's preprocessing says.</summary>
    public abstract FrameSpec Frames { get; }

    /// <summary>Frames per clip and their rate when the model decides them (ClipBERT's config); null to use the worker's.</summary>
    public virtual (int FramesPerClip, double FramesPerSecond)? Sampling => null;

    /// <summary>False for an image-only embedder: it serves similar videos, not text search.</summary>
    public abstract bool HasText { get; }

    public abstract ScoreCalibration Calibration { get; }

    /// <summary>One normalised embedding per clip of <paramref name="batch"/>, in clip order.</summary>
    public virtual float[][] EmbedClips(ClipBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        var frames = Pixels(batch).Flatten(0, 1);
        var parts = new List<Tensor>();
        for (long start = 0; start < frames.Size(0); start += FramesPerPass)
        {
            var count = Math.Min(FramesPerPass, frames.Size(0) - start);
            parts.Add(Functional.Normalize(EncodeFrames(frames.Narrow(0, start, count)), dim: -1));
        }
        var perFrame = Tensors.Cat([.. parts], 0);
        var perClip = Functional.Normalize(perFrame.View(batch.ClipCount, batch.FramesPerClip, perFrame.Size(1)).Mean([1]), dim: -1);
        return Rows(perClip);
    }

    /// <summary>Normalised text embeddings in the clips' space.</summary>
    public float[][] EmbedTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!HasText)
        {
            throw new ModelRoleException("The active embedder has no text side (it is an image-only model): it finds similar videos but cannot search by text. Activate a CLIP-family embedder for text search.");
        }
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        return Rows(EncodeTexts(texts));
    }

    /// <summary>The mean and standard deviation of a clip's cosines with the <see cref="NullCaptions"/>; null without a text side or when scores are SigLIP's own.</summary>
    public (double Mean, double Std)? NullStatistics(float[] clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (!HasText || Calibration.Sigmoid)
        {
            return null;
        }
        _nullBank ??= EmbedTexts(NullCaptions.All);
        var cosines = _nullBank.Select(n => Dot(n, clip)).ToArray();
        var mean = cosines.Average();
        var std = Math.Sqrt(cosines.Sum(c => (c - mean) * (c - mean)) / (cosines.Length - 1));
        return (mean, std);
    }

    /// <summary>The decoded clips as (clips, T, 3, S, S) model input on the model's device.</summary>
    protected abstract Tensor Pixels(ClipBatch batch);

    /// <summary>(N, 3, S, S) model input to (N, D) image embeddings (normalised afterwards).</summary>
    protected abstract Tensor EncodeFrames(Tensor frames);

    /// <summary>(N, D) normalised text embeddings.</summary>
    protected abstract Tensor EncodeTexts(IReadOnlyList<string> texts);

    public abstract void Dispose();

    internal static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return sum;
    }

    private static float[][] Rows(Tensor matrix)
    {
        var width = (int)matrix.Size(1);
        return matrix.To(Device.Cpu).Contiguous().ToArray<float>().Chunk(width).ToArray();
    }
}

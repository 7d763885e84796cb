using VideoLang.Jobs.Inference.Embedding;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// A registered model loaded on a device: its <see cref="Embedder"/> (every kind has one), and for a
/// ClipBERT checkpoint its checkpoint, tokenizer and cross-encoder predictor. Used only on the
/// <see cref="ModelRunner"/>'s thread.
/// </summary>
public sealed class LoadedModel(Guid id, string name, ClipEmbedder embedder, LoadedCheckpoint? checkpoint, WordPieceTokenizer? tokenizer, ClipBertPredictor? predictor, Device device) : IDisposable
{
    public Guid Id { get; } = id;

    public ClipEmbedder Embedder { get; } = embedder;

    /// <summary>True for a ClipBERT checkpoint, which can re-rank, answer and tag.</summary>
    public bool IsCrossEncoder => predictor is not null;

    public LoadedCheckpoint Checkpoint => checkpoint ?? throw NotCrossEncoder();

    public WordPieceTokenizer Tokenizer => tokenizer ?? throw NotCrossEncoder();

    public ClipBertPredictor Predictor => predictor ?? throw NotCrossEncoder();

    public Device Device { get; } = device;

    public int ImageSize => Checkpoint.Model.Config.ImageSize;

    public int FramesPerClip => Checkpoint.Model.Config.FramesPerClip;

    public double FramesPerSecond => Checkpoint.Model.Config.FramesPerSecond;

    public void Dispose()
    {
        Embedder.Dispose();
        checkpoint?.Dispose();
    }

    private ModelRoleException NotCrossEncoder() =>
        new($"The model '{name}' is an embedder, not a ClipBERT cross-encoder: it cannot re-rank, answer questions or give trained tags.");
}

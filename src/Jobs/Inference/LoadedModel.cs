using VideoLang.Model.Checkpoints;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>A registered model loaded on a device: its checkpoint, tokenizer and predictor. Used only on the <see cref="ModelRunner"/>'s thread.</summary>
public sealed class LoadedModel(Guid id, LoadedCheckpoint checkpoint, WordPieceTokenizer tokenizer, ClipBertPredictor predictor, Device device) : IDisposable
{
    public Guid Id { get; } = id;

    public LoadedCheckpoint Checkpoint { get; } = checkpoint;

    public WordPieceTokenizer Tokenizer { get; } = tokenizer;

    public ClipBertPredictor Predictor { get; } = predictor;

    public Device Device { get; } = device;

    public int ImageSize => Checkpoint.Model.Config.ImageSize;

    public int FramesPerClip => Checkpoint.Model.Config.FramesPerClip;

    public double FramesPerSecond => Checkpoint.Model.Config.FramesPerSecond;

    public void Dispose() => Checkpoint.Dispose();
}

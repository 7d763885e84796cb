using VideoLang.Model.Checkpoints;
using VideoLang.Model.Vision;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>
/// A pretrained ImageNet CNN with no text side (the registry's ResNet-18): each frame's backbone features
/// average-pooled over the grid, as the network was trained to give them. It finds similar videos and
/// moments; text search needs an image-text embedder.
/// </summary>
internal sealed class ResNetClipEmbedder(LoadedCheckpoint checkpoint, Device device) : ClipEmbedder
{
    // The CNTK network takes exactly its mean image's size, so frames are centre-cropped to it.
    public override FrameSpec Frames { get; } = new(checkpoint.Model.Config.ImageSize, ResizeMode.CenterCrop);

    public override bool HasText => false;

    public override ScoreCalibration Calibration => ScoreCalibration.NullBank;

    protected override Tensor Pixels(ClipBatch batch) =>
        checkpoint.Model.Normalize(FramePreprocessor.Raw(batch.Pixels, batch.ClipCount, batch.FramesPerClip, batch.FrameSize, device));

    protected override Tensor EncodeFrames(Tensor frames) => checkpoint.Model.Cnn.Backbone.Forward(frames).Mean([2, 3]);

    protected override Tensor EncodeTexts(IReadOnlyList<string> texts) => throw new NotSupportedException("An image-only embedder has no text side.");

    public override void Dispose() => checkpoint.Dispose();
}

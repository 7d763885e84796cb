using VideoLang.Model.Inference;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>
/// ClipBERT's dual-encoder head as the embedder: a clip's visual tokens mean-pooled, projected and
/// normalised (the head's video side on one clip), texts through the text-only BERT pass. Frames as the
/// checkpoint was trained to see them. The checkpoint itself is owned by the <see cref="LoadedModel"/>.
/// </summary>
internal sealed class ClipBertClipEmbedder(ClipBertPredictor predictor) : ClipEmbedder
{
    public override FrameSpec Frames { get; } = new(predictor.Model.Config.ImageSize);

    public override (int FramesPerClip, double FramesPerSecond)? Sampling => (predictor.Model.Config.FramesPerClip, predictor.Model.Config.FramesPerSecond);

    public override bool HasText => true;

    public override ScoreCalibration Calibration => ScoreCalibration.NullBank;

    /// <summary>Clip embeddings from features the cross-encoder already computed, so a ClipBERT in both roles runs its CNN once.</summary>
    public static float[][] FromFeatures(ClipBertPredictor predictor, VideoFeatures features)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(features);
        using var scope = new DisposeScope();
        using var inference = VideoLang.Torch.Autograd.InferenceMode.Enter();
        var perClip = predictor.Model.VideoEmbedding(features.Tokens.Unsqueeze(1)).To(Device.Cpu).Contiguous();
        return perClip.ToArray<float>().Chunk((int)perClip.Size(1)).ToArray();
    }

    // The head pools a clip's visual tokens over its frames itself, so clips are embedded whole, not frame by frame.
    public override float[][] EmbedClips(ClipBatch batch)
    {
        using var features = predictor.Encode(batch);
        return FromFeatures(predictor, features);
    }

    protected override Tensor Pixels(ClipBatch batch) => throw new NotSupportedException("ClipBERT embeds whole clips (EmbedClips).");

    protected override Tensor EncodeFrames(Tensor frames) => throw new NotSupportedException("ClipBERT embeds whole clips (EmbedClips).");

    protected override Tensor EncodeTexts(IReadOnlyList<string> texts) =>
        Tensor.FromArray(texts.SelectMany(predictor.TextEmbedding).ToArray(), [texts.Count, predictor.Model.Config.EmbeddingSize]);

    public override void Dispose()
    {
        // The LoadedModel disposes the checkpoint.
    }
}

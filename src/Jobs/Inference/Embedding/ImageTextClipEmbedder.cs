using VideoLang.Model.Configuration;
using VideoLang.Model.Embedders;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Vision;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>A CLIP-family model (HF CLIP, open_clip, SigLIP) as the embedder: its vision tower per frame, its text tower per query.</summary>
internal sealed class ImageTextClipEmbedder : ClipEmbedder
{
    private readonly LoadedImageTextModel _loaded;
    private readonly ITextTokenizer _tokenizer;
    private readonly Device _device;
    private readonly PixelNormalization _pixels;

    public ImageTextClipEmbedder(LoadedImageTextModel loaded, Device device)
    {
        _loaded = loaded;
        _device = device;
        var config = loaded.Config;
        var text = config.Text;
        var context = (int)text.MaxPositionEmbeddings;
        _tokenizer = config.Family == ImageTextFamily.Siglip
            ? SiglipTokenizer.FromFile(Path.Combine(loaded.Directory, "spiece.model"), context, (int)text.PadTokenId)
            : ClipBpeTokenizer.FromFiles(Path.Combine(loaded.Directory, "vocab.json"), Path.Combine(loaded.Directory, "merges.txt"), context,
                config.SourceFormat == ImageTextFormat.OpenClip ? 0 : (int)text.PadTokenId);
        var preprocessing = config.Preprocessing;
        _pixels = new PixelNormalization { Scale = 255, Mean = preprocessing.Mean, Std = preprocessing.Std };
        Frames = new FrameSpec(preprocessing.ImageSize, preprocessing.Resize switch
        {
            ImageResize.Squash => ResizeMode.Squash,
            // REVIEW: open_clip's "longest" pads around the centre; the sampler pads at the bottom right as ClipBERT does.
            ImageResize.LongestEdgePad => ResizeMode.PadToSquare,
            _ => ResizeMode.CenterCrop,
        });
        Calibration = config.Family == ImageTextFamily.Siglip ? SiglipCalibration(loaded.Model) : ScoreCalibration.NullBank;
    }

    public override FrameSpec Frames { get; }

    public override bool HasText => true;

    public override ScoreCalibration Calibration { get; }

    protected override Tensor Pixels(ClipBatch batch) =>
        FramePreprocessor.Normalize(FramePreprocessor.Raw(batch.Pixels, batch.ClipCount, batch.FramesPerClip, batch.FrameSize, _device), _pixels, meanImage: null);

    protected override Tensor EncodeFrames(Tensor frames) => _loaded.Model.EncodeImages(frames);

    protected override Tensor EncodeTexts(IReadOnlyList<string> texts)
    {
        var batch = _tokenizer.EncodeBatch(texts);
        var ids = Tensor.FromSpan<long>(batch.InputIds.Span, batch.Shape).To(_device);
        // HF CLIP was trained with padding masked out; open_clip and SigLIP pad to the context with no mask.
        var mask = _loaded.Config.SourceFormat == ImageTextFormat.HuggingFaceClip
            ? Tensor.FromSpan<long>(batch.AttentionMask.Span, batch.Shape).To(_device)
            : null;
        return _loaded.Model.EncodeTexts(ids, mask);
    }

    public override void Dispose() => _loaded.Dispose();

    private static ScoreCalibration SiglipCalibration(ImageTextModel model)
    {
        var state = model.StateDict();
        using var scale = state["logit_scale"].Exp();
        return new ScoreCalibration(true, scale.To(Device.Cpu).ToArray<float>()[0], state["logit_bias"].To(Device.Cpu).ToArray<float>()[0]);
    }
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// An image-text embedder (CLIP or SigLIP) with HuggingFace's parameter names, so a <c>CLIPModel</c> or
/// <c>SiglipModel</c> state dict loads unchanged (<c>vision_model.*</c>, <c>text_model.*</c>,
/// <c>visual_projection.weight</c>, <c>text_projection.weight</c>, <c>logit_scale</c>, SigLIP's
/// <c>logit_bias</c>); open_clip's names are mapped onto it on import. Images and texts become
/// L2-normalised vectors in one space; a pair's logit is exp(logit_scale)·cos (+ logit_bias), read through
/// a softmax over texts for CLIP and a sigmoid per pair for SigLIP.
/// </summary>
public sealed class ImageTextModel : Module
{
    private readonly TextTransformer _text;
    private readonly VisionTransformer _vision;
    private readonly Linear? _visualProjection;
    private readonly Linear? _textProjection;
    private readonly Tensor _logitScale;
    private readonly Tensor? _logitBias;

    public ImageTextModel(ImageTextConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _text = RegisterModule("text_model", new TextTransformer(config.Text));
        _vision = RegisterModule("vision_model", new VisionTransformer(config.Vision, config.Family));
        if (config.Family == ImageTextFamily.Clip)
        {
            var dim = config.ProjectionDim!.Value;
            _visualProjection = RegisterModule("visual_projection", new Linear(config.Vision.HiddenSize, dim, bias: false));
            _textProjection = RegisterModule("text_projection", new Linear(config.Text.HiddenSize, dim, bias: false));
            // CLIP's scale is a 0-d tensor, SigLIP's a 1-element vector: the shapes the published files hold.
            _logitScale = RegisterParameter("logit_scale", Tensor.Scalar((float)Math.Log(1 / 0.07)));
        }
        else
        {
            _logitScale = RegisterParameter("logit_scale", Tensor.FromArray([(float)Math.Log(10)]));
            _logitBias = RegisterParameter("logit_bias", Tensor.FromArray([-10f]));
        }
    }

    public ImageTextConfig Config { get; }

    /// <summary>(B, C, S, S) normalised pixels (see <see cref="ImageTextConfig.Preprocessing"/>) to L2-normalised (B, D) embeddings.</summary>
    public Tensor EncodeImages(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var scope = new DisposeScope();
        var pooled = _vision.Forward(pixels);
        var projected = _visualProjection is null ? pooled : _visualProjection.Forward(pooled);
        return scope.MoveOut(Functional.Normalize(projected, dim: -1));
    }

    /// <summary>
    /// (B, L) token ids, L at most the context length, to L2-normalised (B, D) embeddings. The optional
    /// (B, L) <paramref name="attentionMask"/> (1 for tokens, 0 for padding) is applied as HuggingFace
    /// does; open_clip and SigLIP's training use none.
    /// </summary>
    public Tensor EncodeTexts(Tensor ids, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var scope = new DisposeScope();
        var pooled = _text.Forward(ids, attentionMask);
        var projected = _textProjection is null ? pooled : _textProjection.Forward(pooled);
        return scope.MoveOut(Functional.Normalize(projected, dim: -1));
    }

    /// <summary>(I, D) and (T, D) normalised embeddings to (I, T) logits: exp(logit_scale)·cos, plus logit_bias for SigLIP.</summary>
    public Tensor Logits(Tensor imageEmbeddings, Tensor textEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(imageEmbeddings);
        ArgumentNullException.ThrowIfNull(textEmbeddings);
        using var scope = new DisposeScope();
        var logits = imageEmbeddings.Matmul(textEmbeddings.T()) * _logitScale.Exp();
        if (_logitBias is not null)
        {
            logits = logits + _logitBias;
        }
        return scope.MoveOut(logits);
    }

    /// <summary>Logits read as the family reads them: softmax over the texts for each image (CLIP), an independent sigmoid per pair (SigLIP).</summary>
    public Tensor Probabilities(Tensor logitsPerImage)
    {
        ArgumentNullException.ThrowIfNull(logitsPerImage);
        return Config.Family == ImageTextFamily.Clip ? Functional.Softmax(logitsPerImage, -1) : logitsPerImage.Sigmoid();
    }

    /// <summary>Both towers and the logits of every image against every text.</summary>
    public ImageTextOutput Forward(Tensor pixels, Tensor ids, Tensor? attentionMask = null)
    {
        var images = EncodeImages(pixels);
        Tensor? texts = null;
        try
        {
            texts = EncodeTexts(ids, attentionMask);
            return new ImageTextOutput(images, texts, Logits(images, texts));
        }
        catch
        {
            images.Dispose();
            texts?.Dispose();
            throw;
        }
    }
}

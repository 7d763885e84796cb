using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// The ViT image tower with HuggingFace's names (<c>vision_model.*</c>). CLIP: class token,
/// <c>pre_layrnorm</c> (HF's spelling), encoder, <c>post_layernorm</c> of the class token. SigLIP: no
/// class token or pre-norm; <c>post_layernorm</c> of every token, then the attention-pooling <c>head</c>.
/// </summary>
internal sealed class VisionTransformer : Module
{
    private readonly VisionEmbeddings _embeddings;
    private readonly LayerNorm? _preNorm;
    private readonly TransformerEncoder _encoder;
    private readonly LayerNorm _postNorm;
    private readonly AttentionPoolingHead? _head;

    public VisionTransformer(VisionTowerConfig config, ImageTextFamily family)
    {
        var clip = family == ImageTextFamily.Clip;
        _embeddings = RegisterModule("embeddings", new VisionEmbeddings(config, classToken: clip));
        _preNorm = clip ? RegisterModule("pre_layrnorm", new LayerNorm(config.HiddenSize, config.LayerNormEps)) : null;
        _encoder = RegisterModule("encoder", new TransformerEncoder(
            config.NumHiddenLayers, config.HiddenSize, config.NumAttentionHeads, config.IntermediateSize, config.HiddenAct, config.LayerNormEps));
        _postNorm = RegisterModule("post_layernorm", new LayerNorm(config.HiddenSize, config.LayerNormEps));
        _head = clip ? null : RegisterModule("head", new AttentionPoolingHead(config));
    }

    /// <summary>(B, C, S, S) pixels to the pooled (B, H) output.</summary>
    public Tensor Forward(Tensor pixels)
    {
        using var scope = new DisposeScope();
        var tokens = _embeddings.Forward(pixels);
        if (_preNorm is not null)
        {
            tokens = _preNorm.Forward(tokens);
        }
        var hidden = _encoder.Forward(tokens, null);
        var pooled = _head is null ? _postNorm.Forward(hidden.Select(1, 0)) : _head.Forward(_postNorm.Forward(hidden));
        return scope.MoveOut(pooled);
    }
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// SigLIP's image pooling (HF <c>vision_model.head</c>): a learned <c>probe</c> query attends over the
/// patch tokens (<c>attention</c>), then a residual MLP after <c>layernorm</c>; the probe's output is the
/// image's embedding.
/// </summary>
internal sealed class AttentionPoolingHead : Module
{
    private readonly Tensor _probe;
    private readonly PoolingAttention _attention;
    private readonly LayerNorm _norm;
    private readonly EncoderMlp _mlp;

    public AttentionPoolingHead(VisionTowerConfig config)
    {
        using (var scope = new DisposeScope())
        {
            _probe = RegisterParameter("probe", Tensors.Randn([1, 1, config.HiddenSize]));
        }
        _attention = RegisterModule("attention", new PoolingAttention(config.HiddenSize, config.NumAttentionHeads));
        _norm = RegisterModule("layernorm", new LayerNorm(config.HiddenSize, config.LayerNormEps));
        _mlp = RegisterModule("mlp", new EncoderMlp(config.HiddenSize, config.IntermediateSize, config.HiddenAct));
    }

    /// <summary>(B, N, H) tokens to (B, H).</summary>
    public Tensor Forward(Tensor tokens)
    {
        using var scope = new DisposeScope();
        var probe = _probe.To(tokens.Dtype).Expand(tokens.Size(0), -1, -1);
        var pooled = _attention.Forward(probe, tokens);
        pooled = pooled + _mlp.Forward(_norm.Forward(pooled));
        return scope.MoveOut(pooled.Select(1, 0));
    }
}

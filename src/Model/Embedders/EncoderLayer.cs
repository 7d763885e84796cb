using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>One pre-LN transformer layer (HF <c>encoder.layers.N</c>): x + attn(ln1(x)), then + mlp(ln2(x)).</summary>
internal sealed class EncoderLayer : Module
{
    private readonly EncoderAttention _attention;
    private readonly LayerNorm _norm1;
    private readonly EncoderMlp _mlp;
    private readonly LayerNorm _norm2;

    public EncoderLayer(long hidden, long heads, long intermediate, HiddenActivation activation, double eps)
    {
        _attention = RegisterModule("self_attn", new EncoderAttention(hidden, heads));
        _norm1 = RegisterModule("layer_norm1", new LayerNorm(hidden, eps));
        _mlp = RegisterModule("mlp", new EncoderMlp(hidden, intermediate, activation));
        _norm2 = RegisterModule("layer_norm2", new LayerNorm(hidden, eps));
    }

    public Tensor Forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = new DisposeScope();
        var attended = hidden + _attention.Forward(_norm1.Forward(hidden), additiveMask);
        return scope.MoveOut(attended + _mlp.Forward(_norm2.Forward(attended)));
    }
}

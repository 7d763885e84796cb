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

    /// <summary>Residual sums are taken in place and intermediates freed at once (see <see cref="EncoderAttention.Forward"/>).</summary>
    public Tensor Forward(Tensor hidden, Tensor? additiveMask)
    {
        Tensor attended;
        using (var normed = _norm1.Forward(hidden))
        {
            attended = _attention.Forward(normed, additiveMask);
        }
        using (attended)
        {
            attended.Add_(hidden);
            using var normed = _norm2.Forward(attended);
            var output = _mlp.Forward(normed);
            output.Add_(attended);
            return output;
        }
    }
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>The feed-forward expansion with exact GELU (HF <c>intermediate.dense</c>).</summary>
internal sealed class BertIntermediate : Module<Tensor, Tensor>
{
    private readonly Linear _dense;

    public BertIntermediate(BertConfig config) =>
        _dense = RegisterModule("dense", new Linear(config.HiddenSize, config.IntermediateSize));

    public override Tensor Forward(Tensor input)
    {
        using var x = _dense.Forward(input);
        return Functional.Gelu(x);
    }
}

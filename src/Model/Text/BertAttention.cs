using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>Self-attention and its residual output (HF <c>attention.self</c>, <c>attention.output</c>).</summary>
internal sealed class BertAttention : Module
{
    private readonly BertSelfAttention _self;
    private readonly BertResidualOutput _output;

    public BertAttention(BertConfig config)
    {
        _self = RegisterModule("self", new BertSelfAttention(config));
        _output = RegisterModule("output", new BertResidualOutput(config.HiddenSize, config));
    }

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var context = _self.Forward(hidden, additiveMask);
        return _output.Forward(context, hidden);
    }
}

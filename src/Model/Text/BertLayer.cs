using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>One post-LN transformer layer (HF <c>encoder.layer.N</c>).</summary>
internal sealed class BertLayer : Module
{
    private readonly BertAttention _attention;
    private readonly BertIntermediate _intermediate;
    private readonly BertResidualOutput _output;

    public BertLayer(BertConfig config)
    {
        _attention = RegisterModule("attention", new BertAttention(config));
        _intermediate = RegisterModule("intermediate", new BertIntermediate(config));
        _output = RegisterModule("output", new BertResidualOutput(config.IntermediateSize, config));
    }

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = new DisposeScope();
        var attended = _attention.Forward(hidden, additiveMask);
        return scope.MoveOut(_output.Forward(_intermediate.Forward(attended), attended));
    }
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>dense → dropout → LayerNorm(x + residual): HF's <c>attention.output</c> and <c>output</c>.</summary>
internal sealed class BertResidualOutput : Module
{
    private readonly Linear _dense;
    private readonly LayerNorm _layerNorm;
    private readonly Dropout _dropout;

    public BertResidualOutput(long inFeatures, BertConfig config)
    {
        _dense = RegisterModule("dense", new Linear(inFeatures, config.HiddenSize));
        _layerNorm = RegisterModule("LayerNorm", new LayerNorm(config.HiddenSize, config.LayerNormEps));
        _dropout = RegisterModule("dropout", new Dropout(config.HiddenDropoutProb));
    }

    public Tensor Forward(Tensor input, Tensor residual)
    {
        using var scope = new DisposeScope();
        return scope.MoveOut(_layerNorm.Forward(_dropout.Forward(_dense.Forward(input)) + residual));
    }
}

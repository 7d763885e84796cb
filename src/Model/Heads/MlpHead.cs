using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Heads;

/// <summary>ClipBERT's prediction head on the pooled [CLS]: Linear(H, 2H) → ReLU → Linear(2H, outputs).</summary>
public sealed class MlpHead : Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    public MlpHead(long hiddenSize, long outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Outputs = outputs;
        _layers = RegisterModule("mlp", new Sequential(new Linear(hiddenSize, hiddenSize * 2), new ReLU(), new Linear(hiddenSize * 2, outputs)));
    }

    public long Outputs { get; }

    public override Tensor Forward(Tensor input) => _layers.Forward(input);
}

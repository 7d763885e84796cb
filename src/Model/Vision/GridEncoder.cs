using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>ClipBERT's grid encoder: 3×3 conv to the transformer's width, 2×2 max-pool, ReLU (14×14 → 7×7 at 448 px).</summary>
internal sealed class GridEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;

    public GridEncoder(long inChannels, long hiddenSize) =>
        _conv = RegisterModule("conv", new Conv2d(inChannels, hiddenSize, 3, padding: 1));

    public override Tensor Forward(Tensor input)
    {
        using var scope = new DisposeScope();
        return scope.MoveOut(Functional.MaxPool2d(_conv.Forward(input), 2).Relu());
    }
}

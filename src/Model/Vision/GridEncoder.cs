using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>ClipBERT's grid encoder: 3×3 conv to the transformer's width, 2×2 max-pool (or none: pool 1), ReLU (14×14 → 7×7 at 448 px).</summary>
internal sealed class GridEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;
    private readonly int _pool;

    public GridEncoder(long inChannels, long hiddenSize, int pool = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pool, 1);
        _conv = RegisterModule("conv", new Conv2d(inChannels, hiddenSize, 3, padding: 1));
        _pool = pool;
    }

    public override Tensor Forward(Tensor input)
    {
        using var scope = new DisposeScope();
        var features = _conv.Forward(input);
        return scope.MoveOut((_pool > 1 ? Functional.MaxPool2d(features, _pool) : features).Relu());
    }
}

using VideoLang.Torch.Optim;

namespace VideoLang.Torch.Tests.Optim;

[Collection(TorchCollection.Name)]
public sealed class GradientClippingTests
{
    [Fact]
    public void ClipGradNorm_ScalesToTheMaximum_AndReturnsTheNormBefore()
    {
        using var a = Tensor.FromArray([0.0, 0.0]).DetachFromDisposeScope();
        using var b = Tensor.FromArray([0.0]).DetachFromDisposeScope();
        using var scope = new DisposeScope();
        a.Grad = Tensor.FromArray([3.0, 0.0]);
        b.Grad = Tensor.FromArray([4.0]);
        Assert.Equal(5.0, GradientClipping.ClipGradNorm([a, b], 1.0), 12);
        Assert.Equal(3.0 / 5, a.Grad!.ToArray<double>()[0], 6);
        Assert.Equal(4.0 / 5, b.Grad!.ToArray<double>()[0], 6);
        Assert.Equal(1.0, GradientClipping.ClipGradNorm([a, b], 10.0), 5);
        Assert.Equal(3.0 / 5, a.Grad!.ToArray<double>()[0], 6);
    }
}

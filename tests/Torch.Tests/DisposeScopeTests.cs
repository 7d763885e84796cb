using System.Diagnostics;
using VideoLang.Torch.NN;

namespace VideoLang.Torch.Tests;

[Collection(TorchCollection.Name)]
public sealed class DisposeScopeTests
{
    [Fact]
    public void Dispose_FreesEveryTensorMadeInside_ExceptThoseMovedOut()
    {
        var baseline = SettledLiveCount();
        Tensor kept;
        Tensor inner;
        using (var scope = new DisposeScope())
        {
            inner = Tensors.Ones([3]) * 2;
            kept = scope.MoveOut(inner + 1);
            Assert.Equal(baseline + 3, Tensor.LiveCount);
        }
        Assert.True(inner.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        kept.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void MoveOut_HandsTheTensorToTheEnclosingScope()
    {
        var baseline = SettledLiveCount();
        Tensor moved;
        using (var outer = new DisposeScope())
        {
            using (var inner = new DisposeScope())
            {
                moved = Tensors.Zeros([2]).MoveToOuterDisposeScope();
            }
            Assert.False(moved.IsDisposed);
        }
        Assert.True(moved.IsDisposed);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Dispose_Throws_WhenScopesCloseOutOfOrder()
    {
        var outer = new DisposeScope();
        var inner = new DisposeScope();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void TenThousandForwardBackwardIterations_LeaveNoHandleBehind_AndMemoryFlat()
    {
        TorchRuntime.ManualSeed(1);
        using var model = new Sequential(new Linear(64, 64), new Dropout(0.1), new Linear(64, 1));
        var baseline = SettledLiveCount();
        long rssAfterWarmUp = 0;
        for (var i = 0; i < 10_000; i++)
        {
            using (var scope = new DisposeScope())
            {
                var x = Tensors.Randn([16, 64]);
                var loss = Functional.MseLoss(model.Forward(x).Relu(), Tensors.Zeros([16, 1]));
                loss.Backward();
                model.ZeroGrad();
            }
            if (i == 999)
            {
                rssAfterWarmUp = CurrentRss();
            }
        }
        Assert.Equal(baseline, Tensor.LiveCount);
        var growth = CurrentRss() - rssAfterWarmUp;
        Assert.True(growth < 64L << 20, $"RSS grew by {growth >> 20} MiB over 9,000 iterations");
    }

    /// <summary>The live count once finalizers of earlier tests' abandoned tensors have run.</summary>
    private static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Tensor.LiveCount;
    }

    private static long CurrentRss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}

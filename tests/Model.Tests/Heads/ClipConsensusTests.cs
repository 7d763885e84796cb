using VideoLang.Model.Heads;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Heads;

public sealed class ClipConsensusTests
{
    [Fact]
    public void Aggregate_GivesMeanMaxAndLogSumExpOverClips()
    {
        using var scope = new DisposeScope();
        // One video, three clips, two outputs.
        var logits = Tensor.FromArray([1.0, -1.0, 3.0, 0.0, 2.0, 4.0], [1, 3, 2]);
        Assert.Equal([2.0, 1.0], ClipConsensus.Aggregate(logits, Consensus.Mean).ToArray<double>());
        Assert.Equal([3.0, 4.0], ClipConsensus.Aggregate(logits, Consensus.Max).ToArray<double>());
        var lse = ClipConsensus.Aggregate(logits, Consensus.LogSumExp).ToArray<double>();
        Assert.Equal(Math.Log((Math.Exp(1) + Math.Exp(3) + Math.Exp(2)) / 3), lse[0], 12);
        Assert.Equal(Math.Log((Math.Exp(-1) + Math.Exp(0) + Math.Exp(4)) / 3), lse[1], 12);
    }

    [Fact]
    public void Aggregate_LogSumExpDoesNotGrowWithTheNumberOfClips()
    {
        using var scope = new DisposeScope();
        var two = ClipConsensus.Aggregate(Tensors.Full([1, 2, 1], 0.5, ScalarType.Float64), Consensus.LogSumExp).Item<double>();
        var eight = ClipConsensus.Aggregate(Tensors.Full([1, 8, 1], 0.5, ScalarType.Float64), Consensus.LogSumExp).Item<double>();
        Assert.Equal(0.5, two, 12);
        Assert.Equal(0.5, eight, 12);
    }

    [Fact]
    public void Aggregate_Throws_WhenNotThreeDimensional()
    {
        using var scope = new DisposeScope();
        Assert.Throws<ArgumentException>(() => ClipConsensus.Aggregate(Tensors.Zeros([2, 2]), Consensus.Mean));
    }
}

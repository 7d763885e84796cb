using VideoLang.Torch.Optim;

namespace VideoLang.Torch.Tests.Optim;

[Collection(TorchCollection.Name)]
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Factor_WarmsUpLinearly_ThenDecaysLinearlyToZero()
    {
        var schedule = LearningRateSchedule.WithWarmupFraction(100, 0.1);
        Assert.Equal(10, schedule.WarmupSteps);
        Assert.Equal(0.1, schedule.Factor(0), 12);
        Assert.Equal(1.0, schedule.Factor(9), 12);
        Assert.Equal(1.0, schedule.Factor(10), 12);
        Assert.Equal(0.5, schedule.Factor(55), 12);
        Assert.Equal(0.0, schedule.Factor(100), 12);
    }

    [Fact]
    public void Factor_FollowsHalfACosine_WhenDecayIsCosine()
    {
        var schedule = new LearningRateSchedule(110, 10, LearningRateDecay.Cosine);
        Assert.Equal(1.0, schedule.Factor(10), 12);
        Assert.Equal(0.5, schedule.Factor(60), 12);
        Assert.Equal(0.0, schedule.Factor(110), 12);
    }

    [Fact]
    public void Apply_ScalesEachGroupsOwnBaseRate()
    {
        using var cnn = Tensor.FromArray([1.0]).DetachFromDisposeScope();
        using var bert = Tensor.FromArray([1.0]).DetachFromDisposeScope();
        using var adam = new AdamW([new ParameterGroup("cnn", [cnn], 1e-4), new ParameterGroup("transformer", [bert], 5e-5)]);
        new LearningRateSchedule(10, 4).Apply(adam, 1);
        Assert.Equal(0.5e-4, adam.Groups[0].LearningRate, 15);
        Assert.Equal(2.5e-5, adam.Groups[1].LearningRate, 15);
    }
}

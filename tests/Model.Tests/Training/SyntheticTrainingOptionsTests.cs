using VideoLang.Model.Configuration;
using VideoLang.Model.Training;

namespace VideoLang.Model.Tests.Training;

public sealed class SyntheticTrainingOptionsTests
{
    [Fact]
    public void Recipe_IsTheSame_WhenTheOptionsAreEqual()
    {
        Assert.Equal(Options().Recipe(), Options().Recipe());
    }

    [Fact]
    public void Defaults_TurnOnTheGridShiftAndTimeReversal_OnlyWithOrderedFusion()
    {
        var (ordered, mean) = (Options(TemporalFusion.Ordered), Options());

        Assert.True(ordered.GridTemporalShift && ordered.TimeReversal);
        Assert.False(mean.GridTemporalShift || mean.TimeReversal);
        Assert.Contains("\"TimeReversal\": true", ordered.Recipe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_TrainOrderedFusionLongerWithFramesFurtherApart()
    {
        var (ordered, mean) = (Options(TemporalFusion.Ordered).Training, Options().Training);

        Assert.Equal((24, 1.0), (ordered.Epochs, ordered.FramesPerSecond));
        Assert.Equal((16, 2.0), (mean.Epochs, mean.FramesPerSecond));
        Assert.Equal(mean with { Epochs = 24, FramesPerSecond = 1 }, ordered);
    }

    [Theory]
    [InlineData("time reversal")]
    [InlineData("grid shift")]
    [InlineData("epochs")]
    [InlineData("videos")]
    public void Recipe_Differs_WhenAnythingThatShapesTheWeightsDiffers(string change)
    {
        var changed = change switch
        {
            "time reversal" => new SyntheticTrainingOptions { WorkDirectory = "work", TemporalFusion = TemporalFusion.Ordered, TimeReversal = false },
            "grid shift" => new SyntheticTrainingOptions { WorkDirectory = "work", TemporalFusion = TemporalFusion.Ordered, GridTemporalShift = false },
            "epochs" => new SyntheticTrainingOptions { WorkDirectory = "work", TemporalFusion = TemporalFusion.Ordered, Training = new TrainingOptions { Epochs = 3 } },
            _ => new SyntheticTrainingOptions { WorkDirectory = "work", TemporalFusion = TemporalFusion.Ordered, TrainVideos = 10 },
        };

        Assert.NotEqual(Options(TemporalFusion.Ordered).Recipe(), changed.Recipe());
    }

    private static SyntheticTrainingOptions Options(TemporalFusion fusion = TemporalFusion.Mean) => new() { WorkDirectory = "work", TemporalFusion = fusion };
}

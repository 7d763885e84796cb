using VideoLang.Sampler.Planning;

namespace VideoLang.Sampler.Tests.Planning;

public sealed class ClipPlanTests
{
    [Fact]
    public void ForInference_TakesTheMiddle_WhenOneClip()
    {
        var plan = ClipPlan.ForInference(10, new ClipSampling());

        var clip = Assert.Single(plan.Clips);
        Assert.Equal((0, 4.5, 5.5), (clip.Index, clip.StartSeconds, clip.EndSeconds));
        Assert.Equal([4.75, 5.25], clip.FrameTimes);
    }

    [Fact]
    public void ForInference_CentresOneClipOnEachEqualPart_WhenSeveralClips()
    {
        var plan = ClipPlan.ForInference(8, new ClipSampling(ClipCount: 4));

        Assert.Equal([0.5, 2.5, 4.5, 6.5], plan.Clips.Select(c => c.StartSeconds));
        Assert.Equal([0, 1, 2, 3], plan.Clips.Select(c => c.Index));
    }

    [Fact]
    public void ForInference_KeepsClipsInsideTheVideo_WhenPartsAreShorterThanAClip()
    {
        var plan = ClipPlan.ForInference(2, new ClipSampling(ClipCount: 4));

        Assert.Equal([0, 0.25, 0.75, 1], plan.Clips.Select(c => c.StartSeconds));
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(10, 16)]
    [InlineData(2, 4)]
    [InlineData(0.4, 3)]
    public void ForInference_SeesTheVideoPlayedBackwardsInReverse_WhenAnyClipCount(double seconds, int clips)
    {
        // Mirrored in time, the plan's frames are its own frames in reverse order: whatever a model with
        // no sense of order inside a clip sees, it sees the same of a video played backwards.
        var plan = ClipPlan.ForInference(seconds, new ClipSampling(ClipCount: clips));

        var frames = plan.Clips.SelectMany(c => c.FrameTimes).ToArray();
        Assert.Equal(frames.Select(t => Math.Round(t, 9)), frames.Reverse().Select(t => Math.Round(Math.Max(seconds, 1) - t, 9)));
    }

    [Fact]
    public void ForInference_SpacesFramesAtTheSamplingRate_WhenClipHasManyFrames()
    {
        var plan = ClipPlan.ForInference(10, new ClipSampling(FramesPerClip: 4, FramesPerSecond: 4));

        var clip = Assert.Single(plan.Clips);
        Assert.Equal([4.625, 4.875, 5.125, 5.375], clip.FrameTimes);
        Assert.Equal(5.5, clip.EndSeconds);
    }

    [Fact]
    public void ForTraining_GivesTheSameStarts_WhenSeedIsTheSame()
    {
        var sampling = new ClipSampling(ClipCount: 5);

        var first = ClipPlan.ForTraining(60, sampling, seed: 42).Clips.Select(c => c.StartSeconds);
        var second = ClipPlan.ForTraining(60, sampling, seed: 42).Clips.Select(c => c.StartSeconds);
        var other = ClipPlan.ForTraining(60, sampling, seed: 43).Clips.Select(c => c.StartSeconds);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ForTraining_DrawsFromSeededRandom_WhenSeedIsGiven()
    {
        var random = new Random(42);
        var expected = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 59).ToList();

        var plan = ClipPlan.ForTraining(60, new ClipSampling(ClipCount: 3), seed: 42);

        Assert.Equal(expected, plan.Clips.Select(c => c.StartSeconds));
        Assert.Equal(SamplingMode.Training, plan.Mode);
    }

    [Fact]
    public void ForTraining_KeepsEveryClipInsideTheVideo_WhenManyClipsAreDrawn()
    {
        var plan = ClipPlan.ForTraining(3, new ClipSampling(ClipCount: 200), seed: 7);

        Assert.All(plan.Clips, c => Assert.InRange(c.StartSeconds, 0, 2));
        Assert.All(plan.Clips, c => Assert.All(c.FrameTimes, t => Assert.InRange(t, c.StartSeconds, c.EndSeconds)));
        Assert.All(plan.Clips, c => Assert.InRange(c.EndSeconds, 1, 3));
    }

    [Fact]
    public void ForTraining_StartsAtZero_WhenVideoIsShorterThanAClip()
    {
        var plan = ClipPlan.ForTraining(0.4, new ClipSampling(ClipCount: 2), seed: 1);

        Assert.All(plan.Clips, c => Assert.Equal([0.25, 0.75], c.FrameTimes));
    }

    [Fact]
    public void Create_DispatchesOnMode_WhenModeIsGiven()
    {
        var sampling = new ClipSampling(ClipCount: 2);

        Assert.Equal(
            ClipPlan.ForInference(9, sampling).Clips.Select(c => c.StartSeconds),
            ClipPlan.Create(9, sampling, SamplingMode.Inference, seed: 5).Clips.Select(c => c.StartSeconds));
        Assert.Equal(
            ClipPlan.ForTraining(9, sampling, 5).Clips.Select(c => c.StartSeconds),
            ClipPlan.Create(9, sampling, SamplingMode.Training, seed: 5).Clips.Select(c => c.StartSeconds));
    }

    [Theory]
    [InlineData(0, 2, 2.0, "ClipCount")]
    [InlineData(1, 0, 2.0, "FramesPerClip")]
    [InlineData(1, 2, 0.0, "FramesPerSecond")]
    public void ForInference_Throws_WhenSamplingIsInvalid(int clips, int frames, double fps, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClipPlan.ForInference(10, new ClipSampling(clips, frames, fps)));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void ForTraining_Throws_WhenDurationIsNotPositive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClipPlan.ForTraining(0, new ClipSampling(), 1));

        Assert.Equal("videoSeconds", error.ParamName);
    }
}

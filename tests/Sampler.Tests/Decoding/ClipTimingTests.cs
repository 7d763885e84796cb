using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Tests.Fixtures;

namespace VideoLang.Sampler.Tests.Decoding;

public sealed class ClipTimingTests
{
    [Fact]
    public void For_ExpressesClipGridInStreamTimeBase_WhenTimeBaseIsFine()
    {
        var timing = ClipTiming.For(Videos.Info(timeBase: "1/12800"), new ClipSampling(FramesPerClip: 2, FramesPerSecond: 2), firstFrameSeconds: 1.25);

        Assert.Equal(16000, timing.Shift);
        Assert.Equal(6400, timing.LastTick);
        Assert.Equal(12801, timing.Jump);
        Assert.Equal(new Fraction(2, 1), timing.Rate);
    }

    [Fact]
    public void For_AddsContainerStart_WhenFirstTimestampIsNotZero()
    {
        var timing = ClipTiming.For(Videos.Info(timeBase: "1/90000", containerStart: 1.4), new ClipSampling(FramesPerClip: 3, FramesPerSecond: 3), firstFrameSeconds: 2);

        Assert.Equal(306000, timing.Shift);
        Assert.Equal(60000, timing.LastTick);
        Assert.Equal(2.0, timing.SecondsOf(306000), 9);
    }

    [Fact]
    public void TickOf_RoundsUp_SoEachTickShowsTheLastFrameAtOrBeforeIt()
    {
        var timing = ClipTiming.For(Videos.Info(timeBase: "1/1000"), new ClipSampling(FramesPerClip: 2, FramesPerSecond: 2), firstFrameSeconds: 0);

        Assert.Equal(0, timing.TickOf(0));
        Assert.Equal(1, timing.TickOf(1));
        Assert.Equal(1, timing.TickOf(500));
        Assert.Equal(0, timing.TickOf(-499));
        Assert.Equal(-1, timing.TickOf(-500));
    }

    [Fact]
    public void Transform_PushesFramesPastTheLastTick_SoTheClipEndsWithoutWaitingATick()
    {
        var timing = ClipTiming.For(Videos.Info(timeBase: "1/1000"), new ClipSampling(FramesPerClip: 2, FramesPerSecond: 2), firstFrameSeconds: 0);

        Assert.Equal(500, timing.Transform(500));
        Assert.Equal(501 + 1001, timing.Transform(501));
        Assert.Equal(4, timing.TickOf(501));
    }
}

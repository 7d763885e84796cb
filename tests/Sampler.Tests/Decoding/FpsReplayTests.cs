using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Tests.Decoding;

public sealed class FpsReplayTests
{
    // Ticks every 500 ms from 0; frames after 1000 ms (the third tick) are pushed past 2000 ms.
    private static readonly ClipTiming s_timing = new(Shift: 0, LastTick: 1000, Jump: 1001, new Fraction(1, 1000), new Fraction(2, 1), ContainerStart: 0);

    [Fact]
    public void Pick_ShowsLastFrameAtOrBeforeEachTick_WhenFramesAreDense()
    {
        long[] pts = [-120, -40, 40, 120, 480, 500, 520, 960, 1040];

        Assert.Equal([1, 5, 7], FpsReplay.Pick(pts, s_timing, 3));
    }

    [Fact]
    public void Pick_RepeatsFirstFrame_WhenFramesStartAfterTheClip()
    {
        long[] pts = [700, 1200];

        Assert.Equal([0, 0, 0], FpsReplay.Pick(pts, s_timing, 3));
    }

    [Fact]
    public void Pick_HoldsLastFrame_WhenInputEndsBeforeATick()
    {
        long[] pts = [0, 100, 200];

        Assert.Equal([0, 2], FpsReplay.Pick(pts, s_timing, 2));
    }

    [Fact]
    public void Pick_SkipsFrames_WhenFramesAreSparse()
    {
        long[] pts = [0, 1000];

        Assert.Equal([0, 0, 1], FpsReplay.Pick(pts, s_timing, 3));
    }
}

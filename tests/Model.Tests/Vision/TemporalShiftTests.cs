using VideoLang.Model.Configuration;
using VideoLang.Model.Vision;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Vision;

public sealed class TemporalShiftTests
{
    [Fact]
    public void Apply_TakesAnEighthOfTheChannelsFromEachNeighbour_WhenClipsHaveThreeFrames()
    {
        // 2 clips × 3 frames, 16 channels, 1×1: value = 1000·clip + 100·(frame + 1) + channel.
        const int clips = 2, frames = 3, channels = 16;
        var values = new float[clips * frames * channels];
        for (var c = 0; c < clips; c++)
        {
            for (var f = 0; f < frames; f++)
            {
                for (var k = 0; k < channels; k++)
                {
                    values[(((c * frames) + f) * channels) + k] = (1000 * c) + (100 * (f + 1)) + k;
                }
            }
        }
        using var scope = new DisposeScope();
        var shifted = TemporalShift.Apply(Tensor.FromArray(values, [clips * frames, channels, 1, 1]), frames).ToArray<float>();

        for (var c = 0; c < clips; c++)
        {
            for (var f = 0; f < frames; f++)
            {
                for (var k = 0; k < channels; k++)
                {
                    // Channels 0-1 come from the next frame, 2-3 from the previous one (zeros past the clip's ends).
                    var source = k < 2 ? f + 1 : k < 4 ? f - 1 : f;
                    var expected = source is < 0 or >= frames ? 0 : (1000 * c) + (100 * (source + 1)) + k;
                    Assert.Equal(expected, shifted[(((c * frames) + f) * channels) + k]);
                }
            }
        }
    }

    [Fact]
    public void Apply_Throws_WhenTheFramesAreNotWholeClips()
    {
        using var scope = new DisposeScope();
        var error = Assert.Throws<ArgumentException>(() => TemporalShift.Apply(Tensors.Zeros([5, 16, 2, 2]), 2));
        Assert.Contains("whole clips", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VisualTokens_OfOneFrame_DependOnItsNeighbour_OnlyWithTheShift(bool shift)
    {
        TorchRuntime.ManualSeed(3);
        using var model = new ClipBertModel(ClipBertConfig.Tiny(20, TemporalFusion.Ordered) with { TemporalShift = shift });
        model.Eval();
        using var scope = new DisposeScope();
        var pixels = Tensors.Randn([1, 2, 3, 64, 64]);
        var changed = Tensors.Cat([pixels.Narrow(1, 0, 1), Tensors.Randn([1, 1, 3, 64, 64])], 1);

        // Ordered tokens: the first frame's grid comes first.
        var firstFrame = model.VisualTokens(pixels).Narrow(1, 0, 4);
        var firstFrameChanged = model.VisualTokens(changed).Narrow(1, 0, 4);

        Assert.Equal(shift, !firstFrame.AllClose(firstFrameChanged, 1e-5, 1e-6));
    }
}

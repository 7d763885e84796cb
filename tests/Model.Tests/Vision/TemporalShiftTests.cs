using VideoLang.Model.Configuration;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.NN;

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
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void VisualTokens_OfOneFrame_DependOnItsNeighbour_OnlyWithAShift(bool shift, bool gridShift)
    {
        TorchRuntime.ManualSeed(3);
        using var model = new ClipBertModel(ClipBertConfig.Tiny(20, TemporalFusion.Ordered) with { TemporalShift = shift, GridTemporalShift = gridShift });
        model.Eval();
        using var scope = new DisposeScope();
        var pixels = Tensors.Randn([1, 2, 3, 64, 64]);
        var changed = Tensors.Cat([pixels.Narrow(1, 0, 1), Tensors.Randn([1, 1, 3, 64, 64])], 1);

        // Ordered tokens: the first frame's grid comes first.
        var firstFrame = model.VisualTokens(pixels).Narrow(1, 0, 4);
        var firstFrameChanged = model.VisualTokens(changed).Narrow(1, 0, 4);

        Assert.Equal(shift || gridShift, !firstFrame.AllClose(firstFrameChanged, 1e-5, 1e-6));
    }

    [Fact]
    public void VisualEncoder_WithGridShift_ConvolvesTheShiftedBackboneFeatures()
    {
        TorchRuntime.ManualSeed(4);
        using var encoder = new VisualEncoder(ResNetDepth.Tiny, 16, frozenBatchNorm: false, hiddenSize: 32, gridPool: 1, gridTemporalShift: true);
        encoder.Eval();
        using var scope = new DisposeScope();
        var pixels = Tensors.Randn([4, 3, 64, 64]); // two clips of two frames

        var grids = encoder.Forward(pixels, framesPerClip: 2);

        var weights = encoder.StateDict();
        var shifted = TemporalShift.Apply(encoder.Backbone.Forward(pixels), 2);
        var expected = Functional.Conv2d(shifted, weights["grid_encoder.conv.weight"], weights["grid_encoder.conv.bias"], padding: 1).Relu();
        Assert.True(grids.AllClose(expected, 1e-5, 1e-6));
        // Without the shift's frame-to-frame mixing the result differs: the test can tell.
        var unshifted = Functional.Conv2d(encoder.Backbone.Forward(pixels), weights["grid_encoder.conv.weight"], weights["grid_encoder.conv.bias"], padding: 1).Relu();
        Assert.False(grids.AllClose(unshifted, 1e-5, 1e-6));
    }
}

using VideoLang.Model.Inference;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Inference;

public sealed class VideoFeaturesTests
{
    [Fact]
    public void HalfBytes_RoundTripTheTokensOfEveryClip()
    {
        using var scope = new DisposeScope();
        var tokens = Tensors.Randn([3, 4, 8]);
        ClipSpan[] clips = [new(0, 0, 1), new(1, 1, 2), new(2, 2, 3)];
        using var features = new VideoFeatures(tokens.Clone(), clips, [1f, 0f]);
        var stored = Enumerable.Range(0, 3).Select(features.ToHalfBytes).ToArray();
        Assert.All(stored, b => Assert.Equal(4 * 8 * 2, b.Length));
        using var restored = VideoFeatures.FromHalfBytes(stored, 4, 8, clips, [1f, 0f]);
        Assert.True(restored.Tokens.AllClose(tokens, 1e-3, 1e-3));
        Assert.Equal(clips, restored.Clips);
    }

    [Fact]
    public void Constructor_Throws_WhenClipCountsDiffer()
    {
        using var scope = new DisposeScope();
        Assert.Throws<ArgumentException>(() => new VideoFeatures(Tensors.Zeros([2, 4, 8]), [new ClipSpan(0, 0, 1)], []));
    }
}

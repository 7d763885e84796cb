using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Synthetic;
using VideoLang.Sampler.Tests.Fixtures;

namespace VideoLang.Sampler.Tests.Decoding;

[Collection(MediaCollection.Name)]
public sealed class ClipBatchTests(MediaFixture media)
{
    private readonly VideoSampler _sampler = new();

    [Fact]
    public async Task Pixels_AreLaidOutClipFrameRowColumnRgb_WhenBatchHasSeveralClips()
    {
        using var batch = await _sampler.SampleAsync(media.ColorsMp4, new ClipSampling(ClipCount: 3, FramesPerClip: 2), SamplingMode.Inference, new FrameSpec(24));

        Assert.Equal((3, 2, 24, 3 * 2 * 24 * 24 * 3), (batch.ClipCount, batch.FramesPerClip, batch.FrameSize, batch.Length));
        Assert.Equal(batch.Length, batch.Pixels.Length);
        for (var clip = 0; clip < 3; clip++)
        {
            for (var frame = 0; frame < 2; frame++)
            {
                var offset = ((clip * 2) + frame) * 24 * 24 * 3;
                Assert.True(batch.Pixels.Slice(offset, 24 * 24 * 3).SequenceEqual(batch.GetFrame(clip, frame)));
            }
        }

        // Clips start at 0.5, 2.5 and 4.5 s: red, blue, white. Row 5, column 10 is R, G, B at 3 * (5 * 24 + 10).
        Assert.Equal([SceneColor.Red, SceneColor.Blue, SceneColor.White], batch.Clips.Select(c => MediaFixture.Colors[(int)c.StartSeconds]));
        Pixels.AssertColor(batch.GetFrame(1, 0), 24, 5, 10, SceneColor.Blue, "clip 1");
        var pixel = 3 * ((5 * 24) + 10);
        Assert.InRange(batch.GetFrame(1, 0)[pixel + 2], 231, 255);
        Assert.InRange(batch.GetFrame(1, 0)[pixel], 0, 24);
    }

    [Fact]
    public async Task GetFrame_PutsRowsThenColumns_WhenShapeIsOnTheLeft()
    {
        var scene = new SceneSpec(ShapeKind.Square, SceneColor.Yellow, SceneColor.Purple, ScenePosition.Left);
        var directory = Path.Combine(media.Root, "layout");
        var videos = await new SyntheticVideoGenerator().GenerateAsync(directory, [scene], new VideoEncoding { DurationSeconds = 1 });

        using var batch = await _sampler.SampleAsync(Path.Combine(directory, videos[0].File), new ClipSampling(), SamplingMode.Inference, new FrameSpec(80));

        // 160x120 becomes 80x60: the square (36 px, 7 px from the left, vertically centred) is at columns 3..21.
        var frame = batch.GetFrame(0, 0);
        Pixels.AssertColor(frame, 80, row: 30, column: 12, SceneColor.Yellow, "the square");
        Pixels.AssertColor(frame, 80, row: 30, column: 60, SceneColor.Purple, "right of the square");
        Pixels.AssertColor(frame, 80, row: 5, column: 12, SceneColor.Purple, "above the square");
        Pixels.AssertColor(frame, 80, row: 70, column: 12, SceneColor.Black, "the padding below");
    }

    [Fact]
    public async Task Dispose_ReturnsTheBuffer_SoPixelsCanNoLongerBeRead()
    {
        var batch = await _sampler.SampleAsync(media.ColorsMp4, new ClipSampling(), SamplingMode.Inference, new FrameSpec(16));

        batch.Dispose();
        batch.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => batch.Pixels.Length);
        Assert.Contains("copy the pixels before disposing", error.Message, StringComparison.Ordinal);
    }
}

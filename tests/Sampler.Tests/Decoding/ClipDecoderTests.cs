using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Synthetic;
using VideoLang.Sampler.Tests.Fixtures;

namespace VideoLang.Sampler.Tests.Decoding;

/// <summary>
/// Frame accuracy on real files: the colour-sequence videos change colour exactly every second, so the
/// colour a frame must show at any planned moment is known, and so is the frame a player shows there.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class ClipDecoderTests(MediaFixture media)
{
    private const int Size = 16;
    private readonly VideoSampler _sampler = new();

    [Fact]
    public async Task DecodeAsync_ShowsTheFrameAPlayerShows_WhenStreamHasBFrames()
    {
        using var batch = await DecodeAsync(media.ColorsMp4, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 6)));

        Assert.Equal([[0.25, 0.75], [1.25, 1.75], [2.25, 2.75], [3.25, 3.75], [4.25, 4.75], [5.25, 5.75]], batch.Clips.Select(c => c.RequestedTimes));
        Assert.Equal([[0.24, 0.72], [1.24, 1.72], [2.24, 2.72], [3.24, 3.72], [4.24, 4.72], [5.24, 5.72]], batch.Clips.Select(c => c.FrameTimestamps.Select(t => Math.Round(t, 6))));
        AssertColoursFollowTheClock(batch, frameSeconds: 0.04);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DecodeAsync_ShowsTheExpectedColourAtEveryMoment_WhenStartsAreRandom(int seed)
    {
        var sampling = new ClipSampling(ClipCount: 8, FramesPerClip: 3, FramesPerSecond: 3);

        using var batch = await DecodeAsync(media.ColorsMp4, video => ClipPlan.ForTraining(video.DurationSeconds, sampling, seed));

        AssertColoursFollowTheClock(batch, frameSeconds: 0.04);
    }

    [Fact]
    public async Task DecodeAsync_ShowsTheExpectedColourAtEveryMoment_WhenFrameRateVaries()
    {
        var sampling = new ClipSampling(ClipCount: 10, FramesPerClip: 4, FramesPerSecond: 5);

        using var batch = await DecodeAsync(media.ColorsVfr, video => ClipPlan.ForTraining(video.DurationSeconds, sampling, seed: 11));

        // The slowest segment runs at 7 fps.
        AssertColoursFollowTheClock(batch, frameSeconds: 1 / 7.0);
    }

    [Fact]
    public async Task DecodeAsync_MeasuresTimeFromTheFirstTimestamp_WhenStreamStartsLate()
    {
        using var batch = await DecodeAsync(media.ColorsTs, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 6)));

        Assert.Equal([[0.24, 0.72], [1.24, 1.72], [2.24, 2.72], [3.24, 3.72], [4.24, 4.72], [5.24, 5.72]], batch.Clips.Select(c => c.FrameTimestamps.Select(t => Math.Round(t, 6))));
        AssertColoursFollowTheClock(batch, frameSeconds: 0.04);
    }

    [Fact]
    public async Task DecodeAsync_MeasuresTimeFromTheFirstTimestamp_WhenMatroskaStartsLate()
    {
        // ffmpeg's Matroska muxer records the end time (5.5 s) as the duration; the content is 2 s.
        using var batch = await DecodeAsync(media.ColorsOffset, _ => ClipPlan.ForInference(2, new ClipSampling(ClipCount: 2)));

        Assert.Equal([[0.24, 0.72], [1.24, 1.72]], batch.Clips.Select(c => c.FrameTimestamps.Select(t => Math.Round(t, 6))));
        AssertColoursFollowTheClock(batch, frameSeconds: 0.04);
    }

    [Fact]
    public async Task DecodeAsync_RepeatsTheLastFrame_WhenVideoIsShorterThanAClip()
    {
        using var batch = await DecodeAsync(media.Short, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(FramesPerClip: 4)));

        var clip = Assert.Single(batch.Clips);
        Assert.Equal([0.25, 0.75, 1.25, 1.75], clip.RequestedTimes);
        Assert.Equal([0.2, 0.5, 0.5, 0.5], clip.FrameTimestamps.Select(t => Math.Round(t, 6)));
        Assert.Equal(3, clip.RepeatedFrames);
        Pixels.AssertColor(batch.GetFrame(0, 0), Size, 4, 8, SceneColor.Red, "frame 0");
        for (var f = 1; f < 4; f++)
        {
            Pixels.AssertColor(batch.GetFrame(0, f), Size, 4, 8, SceneColor.Green, $"frame {f}");
        }

        Assert.True(batch.GetFrame(0, 1).SequenceEqual(batch.GetFrame(0, 3)));
    }

    [Fact]
    public async Task DecodeAsync_TurnsThePictureLikeAPlayer_WhenDisplayMatrixRotatesIt()
    {
        // Stored 96x64 with the red square on the left; shown turned a quarter clockwise, the left edge is on top.
        using var batch = await DecodeAsync(media.Rotated, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling()), new FrameSpec(64));

        var layout = SceneLayout.For(MediaFixture.RotatedScene, 96, 64);
        var (x, y) = layout.CenterAt(0);
        var frame = batch.GetFrame(0, 0);
        Pixels.AssertColor(frame, 64, row: (int)(x * 64 / 96), column: (int)((64 - y) * 64 / 96), SceneColor.Red, "the square, after turning");
        Pixels.AssertColor(frame, 64, row: 56, column: 21, SceneColor.Blue, "the far end of the background");
        Pixels.AssertColor(frame, 64, row: 32, column: 50, SceneColor.Black, "the padding right of the portrait picture");
    }

    [Fact]
    public async Task DecodeAsync_PadsWithZeros_WhenSizeIsOdd()
    {
        using var batch = await DecodeAsync(media.OddSize, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 2)), new FrameSpec(32));

        // 97x55 scales to 32x18 (ClipBERT truncates), top-left; rows 18..31 are zero.
        var frame = batch.GetFrame(1, 0);
        Pixels.AssertColor(frame, 32, 9, 16, SceneColor.Green, "picture");
        Assert.All(frame[(18 * 32 * 3)..].ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task DecodeAsync_FillsTheSquare_WhenCenterCrop()
    {
        using var batch = await DecodeAsync(media.OddSize, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 2)), new FrameSpec(32, ResizeMode.CenterCrop));

        var frame = batch.GetFrame(0, 0);
        for (var row = 0; row < 32; row += 31)
        {
            for (var column = 0; column < 32; column += 31)
            {
                Pixels.AssertColor(frame, 32, row, column, SceneColor.Red, "corner");
            }
        }
    }

    [Fact]
    public async Task DecodeAsync_GivesTheSameBytes_WhetherClipsShareAProcessOrNot()
    {
        var plan = ClipPlan.ForTraining(6, new ClipSampling(ClipCount: 7, FramesPerClip: 2, FramesPerSecond: 4), seed: 5);
        var grouped = new VideoSampler(new SamplerOptions { MaxConcurrentDecodes = 1, MaxClipsPerProcess = 7 });
        var alone = new VideoSampler(new SamplerOptions { MaxConcurrentDecodes = 2, MaxClipsPerProcess = 1 });
        var video = await grouped.ProbeAsync(media.ColorsTs);

        using var one = await grouped.DecodeAsync(media.ColorsTs, video, plan, new FrameSpec(Size));
        using var many = await alone.DecodeAsync(media.ColorsTs, video, plan, new FrameSpec(Size));

        Assert.True(one.Pixels.SequenceEqual(many.Pixels));
        Assert.Equal(one.Clips.Select(c => c.FrameTimestamps), many.Clips.Select(c => c.FrameTimestamps));
    }

    [Fact]
    public async Task DecodeAsync_DecodesEachVideoCorrectly_WhenVideosShareOneProcessLimit()
    {
        var sampler = new VideoSampler(new SamplerOptions { MaxConcurrentDecodes = 1 });
        string[] paths = [media.ColorsMp4, media.ColorsTs, media.ColorsVfr];

        var batches = await Task.WhenAll(paths.Select(async path =>
        {
            var video = await sampler.ProbeAsync(path);
            return await sampler.DecodeAsync(path, video, ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 6)), new FrameSpec(Size));
        }));

        try
        {
            Assert.All(batches, batch => AssertColoursFollowTheClock(batch, frameSeconds: 1 / 7.0));
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    [Fact]
    public async Task DecodeAsync_NamesTheClip_WhenTheMiddleOfTheFileIsCorrupt()
    {
        var error = await Assert.ThrowsAsync<ClipDecodeException>(() =>
            DecodeAsync(media.Corrupt, video => ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 6))));

        Assert.Equal((3, 3.0, 4.0), (error.ClipIndex, error.StartSeconds, error.EndSeconds));
        Assert.StartsWith("Clip 3 (3-4 s) of 'corrupt.mp4' could not be decoded: the video data is corrupt here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_KeepsConcealedFramesAndSaysSo_WhenConcealDecodeErrors()
    {
        var sampler = new VideoSampler(new SamplerOptions { ConcealDecodeErrors = true });
        var video = await sampler.ProbeAsync(media.Corrupt);

        using var batch = await sampler.DecodeAsync(media.Corrupt, video, ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 6)), new FrameSpec(Size));

        Assert.Equal([false, false, false, true, false, false], batch.Clips.Select(c => c.DecodeErrors.Count > 0));
        Pixels.AssertColor(batch.GetFrame(5, 0), Size, 4, 8, SceneColor.Black, "an intact clip");
    }

    [Fact]
    public async Task DecodeAsync_StopsPromptly_WhenCancelled()
    {
        var video = await _sampler.ProbeAsync(media.ColorsMp4);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _sampler.DecodeAsync(media.ColorsMp4, video, ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(ClipCount: 4)), new FrameSpec(Size), cancelled.Token));
    }

    private async Task<ClipBatch> DecodeAsync(string path, Func<VideoInfo, ClipPlan> plan, FrameSpec? frames = null)
    {
        var video = await _sampler.ProbeAsync(path);
        return await _sampler.DecodeAsync(path, video, plan(video), frames ?? new FrameSpec(Size));
    }

    /// <summary>
    /// Every frame shows the colour of the second it was asked for, and its timestamp is the last frame
    /// at or before that moment (so at most one source frame earlier).
    /// </summary>
    private static void AssertColoursFollowTheClock(ClipBatch batch, double frameSeconds)
    {
        foreach (var clip in batch.Clips)
        {
            for (var f = 0; f < batch.FramesPerClip; f++)
            {
                var asked = clip.RequestedTimes[f];
                var shown = clip.FrameTimestamps[f];
                Assert.InRange(shown, asked - frameSeconds - 1e-3, asked + 1e-3);
                var expected = MediaFixture.Colors[(int)Math.Floor(asked + 1e-9)];
                Pixels.AssertColor(batch.GetFrame(clip.Index, f), Size, row: 4, column: 8, expected, $"clip {clip.Index} frame {f} asked at {asked:0.###} s, shown from {shown:0.###} s");
            }
        }
    }
}

using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Synthetic;
using VideoLang.Sampler.Tests.Fixtures;

namespace VideoLang.Sampler.Tests.Synthetic;

[Collection(MediaCollection.Name)]
public sealed class SyntheticVideoGeneratorTests(MediaFixture media)
{
    private readonly SyntheticVideoGenerator _generator = new();
    private readonly VideoSampler _sampler = new();

    [Fact]
    public void RandomScenes_GivesTheSameScenes_WhenSeedIsTheSame()
    {
        var first = SyntheticVideoGenerator.RandomScenes(40, seed: 9);

        Assert.Equal(first, SyntheticVideoGenerator.RandomScenes(40, seed: 9));
        Assert.NotEqual(first, SyntheticVideoGenerator.RandomScenes(40, seed: 10));
        Assert.All(first, s => Assert.NotEqual(s.Color, s.Background));
        Assert.All(first.Where(s => s.Motion != MotionDirection.None), s => Assert.Equal(ScenePosition.Center, s.Position));
        Assert.Equal(Enum.GetValues<ShapeKind>().Length, first.Select(s => s.Shape).Distinct().Count());
    }

    [Fact]
    public async Task GenerateAsync_WritesVideosAndAManifestThatReadsBack_WhenGivenCountAndSeed()
    {
        var directory = Path.Combine(media.Root, "random");

        var videos = await _generator.GenerateAsync(directory, count: 3, seed: 4, new VideoEncoding { Width = 64, Height = 48, DurationSeconds = 1 });

        Assert.Equal(["scene-0000.mp4", "scene-0001.mp4", "scene-0002.mp4"], videos.Select(v => v.File));
        Assert.All(videos, v => Assert.True(File.Exists(Path.Combine(directory, v.File))));
        Assert.Equal(SyntheticVideoGenerator.RandomScenes(3, 4), videos.Select(v => v.Scene));
        var read = await SyntheticManifest.ReadAsync(Path.Combine(directory, SyntheticManifest.FileName));
        Assert.Equal(videos.Select(Describe), read.Select(Describe));
        var probed = await _sampler.ProbeAsync(Path.Combine(directory, videos[0].File));
        Assert.Equal((64, 48, 1.0), (probed.DisplayWidth, probed.DisplayHeight, probed.DurationSeconds));
    }

    [Fact]
    public async Task GenerateAsync_DescribesTheScene_InCaptionQuestionsAndTags()
    {
        var scene = new SceneSpec(ShapeKind.Circle, SceneColor.Red, SceneColor.Blue, Motion: MotionDirection.Left, Word: "cat");

        var video = Assert.Single(await _generator.GenerateAsync(Path.Combine(media.Root, "described"), [scene], new VideoEncoding { DurationSeconds = 1 }));

        Assert.Equal("a red circle moves left on a blue background with the word \"cat\"", video.Caption);
        Assert.Equal(
            [
                new QaPair("what colour is the circle?", "red"),
                new QaPair("what shape is red?", "circle"),
                new QaPair("what colour is the background?", "blue"),
                new QaPair("is the circle moving?", "yes"),
                new QaPair("which way does the circle move?", "left"),
                new QaPair("what word is written?", "cat"),
            ],
            video.Questions);
        Assert.Equal(["circle", "red", "blue background", "moving left", "text"], video.Tags);
        var reversed = video.Reversed!;
        Assert.Equal("a red circle moves right on a blue background with the word \"cat\"", reversed.Caption);
        Assert.Equal(new QaPair("which way does the circle move?", "right"), reversed.Questions[4]);
        Assert.Equal(video.Questions.Where(q => !q.Question.StartsWith("which way", StringComparison.Ordinal)), reversed.Questions.Where(q => !q.Question.StartsWith("which way", StringComparison.Ordinal)));
        Assert.Equal(["circle", "red", "blue background", "moving right", "text"], reversed.Tags);
    }

    [Fact]
    public async Task GenerateAsync_CaptionsStillShapesByPosition_WhenShapeDoesNotMove()
    {
        var scene = new SceneSpec(ShapeKind.Triangle, SceneColor.Green, SceneColor.White, ScenePosition.Top);

        var video = Assert.Single(await _generator.GenerateAsync(Path.Combine(media.Root, "still"), [scene], new VideoEncoding { DurationSeconds = 1 }));

        Assert.Equal("a green triangle at the top of a white background", video.Caption);
        Assert.Equal(new QaPair("where is the triangle?", "top"), video.Questions[^1]);
        Assert.Equal(["triangle", "green", "white background", "still"], video.Tags);
        Assert.Equal(video.Caption, video.Reversed!.Caption);
        Assert.Equal(video.Questions, video.Reversed.Questions);
        Assert.Equal(video.Tags, video.Reversed.Tags);
    }

    [Theory]
    [InlineData(ShapeKind.Square)]
    [InlineData(ShapeKind.Circle)]
    [InlineData(ShapeKind.Triangle)]
    [InlineData(ShapeKind.Diamond)]
    [InlineData(ShapeKind.Cross)]
    public async Task GenerateAsync_MovesTheShapeWhereTheManifestSays_WhenShapeMovesRight(ShapeKind shape)
    {
        var scene = new SceneSpec(shape, SceneColor.Orange, SceneColor.Blue, Motion: MotionDirection.Right);
        var directory = Path.Combine(media.Root, "moving-" + shape);
        var video = Assert.Single(await _generator.GenerateAsync(directory, [scene], new VideoEncoding { DurationSeconds = 2 }));

        // 160x120 at S=160 is not scaled: decoded pixels sit where the layout puts the shape.
        var sampling = new ClipSampling(ClipCount: 1, FramesPerClip: 2, FramesPerSecond: 1);
        var path = Path.Combine(directory, video.File);
        var info = await _sampler.ProbeAsync(path);
        using var batch = await _sampler.DecodeAsync(path, info, ClipPlan.ForInference(info.DurationSeconds, sampling), new FrameSpec(160));

        var layout = SceneLayout.For(scene, 160, 120);
        var clip = batch.Clips[0];
        for (var f = 0; f < 2; f++)
        {
            var (x, y) = layout.CenterAt(clip.FrameTimestamps[f] / SceneLayout.TravelSeconds(video.DurationSeconds, video.FramesPerSecond));
            var frame = batch.GetFrame(0, f);
            Pixels.AssertColor(frame, 160, (int)Math.Round(y), (int)Math.Round(x), SceneColor.Orange, $"{shape} centre at {clip.FrameTimestamps[f]} s");
            Pixels.AssertColor(frame, 160, (int)Math.Round(y), (int)Math.Round(x) + layout.ShapeSize, SceneColor.Blue, $"right of the {shape}");
        }
    }

    [Theory]
    [InlineData(MotionDirection.Right, MotionDirection.Left)]
    [InlineData(MotionDirection.Down, MotionDirection.Up)]
    public async Task GenerateAsync_ShowsTheOppositeMotionFrameForFrame_WhenPlayedBackwards(MotionDirection motion, MotionDirection opposite)
    {
        // The ground under the motion-direction claim: a model that cannot see the order of a clip's
        // frames sees the same frames of a scene and of its opposite, so only order tells them apart.
        SceneSpec Scene(MotionDirection m) => new(ShapeKind.Triangle, SceneColor.Yellow, SceneColor.Purple, Motion: m);
        var encoding = new VideoEncoding { Width = 128, Height = 96, DurationSeconds = 3, FramesPerSecond = 10 };
        var sampling = new ClipSampling(ClipCount: 4, FramesPerClip: 2, FramesPerSecond: 2);
        var directory = Path.Combine(media.Root, $"reversed-{motion}");
        var videos = await _generator.GenerateAsync(directory, [Scene(motion), Scene(opposite)], encoding);
        var batches = new List<ClipBatch>();
        foreach (var video in videos)
        {
            var path = Path.Combine(directory, video.File);
            var info = await _sampler.ProbeAsync(path);
            batches.Add(await _sampler.DecodeAsync(path, info, ClipPlan.ForInference(info.DurationSeconds, sampling), new FrameSpec(128)));
        }

        using var forwards = batches[0];
        using var backwards = batches[1];
        for (var c = 0; c < 4; c++)
        {
            for (var f = 0; f < 2; f++)
            {
                Assert.InRange(MeanDifference(forwards.GetFrame(c, f), backwards.GetFrame(3 - c, 1 - f)), 0, 1.5);
                Assert.InRange(MeanDifference(forwards.GetFrame(c, f), backwards.GetFrame(c, f)), 3, 255);
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_DrawsTheWord_WhenSceneHasOne()
    {
        var plain = new SceneSpec(ShapeKind.Square, SceneColor.Red, SceneColor.Black);
        var directory = Path.Combine(media.Root, "words");
        var videos = await _generator.GenerateAsync(directory, [plain, plain with { Word = "house" }], new VideoEncoding { DurationSeconds = 1 });

        var withoutWord = await CountNonBlackAsync(Path.Combine(directory, videos[0].File));
        var withWord = await CountNonBlackAsync(Path.Combine(directory, videos[1].File));

        Assert.Equal(0, withoutWord);
        Assert.InRange(withWord, 20, 800);
    }

    [Fact]
    public async Task GenerateAsync_Throws_WhenShapeAndBackgroundShareAColour()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _generator.GenerateAsync(Path.Combine(media.Root, "invisible"), [new SceneSpec(ShapeKind.Circle, SceneColor.Red, SceneColor.Red)], new VideoEncoding()));

        Assert.Equal("The Circle and the background are both red; pick different colours so the shape is visible. (Parameter 'Background')", error.Message);
    }

    [Fact]
    public async Task GenerateAsync_Throws_WhenFontIsMissing()
    {
        var generator = new SyntheticVideoGenerator(fontFile: "/nonexistent/font.ttf");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            generator.GenerateAsync(Path.Combine(media.Root, "fontless"), [new SceneSpec(ShapeKind.Circle, SceneColor.Red, SceneColor.Blue, Word: "sun")], new VideoEncoding()));

        Assert.Contains("install fonts-dejavu-core", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Non-black pixels in the top-left 60x24 corner, where words are written.</summary>
    private async Task<int> CountNonBlackAsync(string path)
    {
        using var batch = await _sampler.SampleAsync(path, new ClipSampling(), SamplingMode.Inference, new FrameSpec(160));
        var frame = batch.GetFrame(0, 0);
        var count = 0;
        for (var row = 0; row < 24; row++)
        {
            for (var column = 0; column < 60; column++)
            {
                var (r, g, b) = Pixels.At(frame, 160, row, column);
                count += r + g + b > 150 ? 1 : 0;
            }
        }

        return count;
    }

    private static string Describe(SyntheticVideo video) =>
        $"{video.Id}|{video.File}|{video.Scene}|{video.Caption}|{string.Join(";", video.Questions)}|{string.Join(";", video.Tags)}|{video.Width}x{video.Height}|{video.DurationSeconds}|{video.FramesPerSecond}";

    private static double MeanDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }
        return total / (double)a.Length;
    }
}

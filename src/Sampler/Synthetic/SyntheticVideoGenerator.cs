using System.Globalization;

namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// Makes videos whose content is known: coloured shapes on plain backgrounds, still or moving, with an
/// optional word, drawn by ffmpeg's lavfi sources. Each batch is written with a JSONL manifest of
/// captions, question/answer pairs and tags (<see cref="SyntheticManifest"/>); the same seed gives the
/// same scenes and manifest. Tests, the demo and the training examples use it so every claim can be
/// checked against ground truth. Colour-sequence videos (<see cref="GenerateColorSequenceAsync"/>) test
/// frame accuracy.
/// </summary>
public sealed class SyntheticVideoGenerator
{
    /// <summary>DejaVu Sans from Debian's fonts-dejavu-core, used for words.</summary>
    public const string DefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>
    /// Changes whenever the same scene and encoding draw different pixels, so that folders of videos
    /// generated earlier can tell they are stale (2: a moving shape reaches its end on the last frame).
    /// </summary>
    public const int DrawingVersion = 2;

    private readonly string _ffmpegPath;
    private readonly string _fontFile;

    public SyntheticVideoGenerator(string ffmpegPath = "ffmpeg", string fontFile = DefaultFontFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ffmpegPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(fontFile);
        _ffmpegPath = ffmpegPath;
        _fontFile = fontFile;
    }

    /// <summary>
    /// <paramref name="count"/> random scenes from <paramref name="seed"/>: any shape, a shape colour
    /// different from the background, still at a position or moving (half each), a word in about a
    /// third of them.
    /// </summary>
    public static IReadOnlyList<SceneSpec> RandomScenes(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return SceneRandomizer.Scenes(count, seed);
    }

    /// <summary>Generates <paramref name="count"/> random scenes (<see cref="RandomScenes"/>) into <paramref name="outputDirectory"/>.</summary>
    public Task<IReadOnlyList<SyntheticVideo>> GenerateAsync(string outputDirectory, int count, int seed, VideoEncoding encoding, CancellationToken cancellationToken = default) =>
        GenerateAsync(outputDirectory, RandomScenes(count, seed), encoding, cancellationToken);

    /// <summary>
    /// Encodes one video per scene into <paramref name="outputDirectory"/> (created if needed) as
    /// <c>scene-0000.mp4</c>, ... and writes <see cref="SyntheticManifest.FileName"/> beside them.
    /// </summary>
    public async Task<IReadOnlyList<SyntheticVideo>> GenerateAsync(string outputDirectory, IReadOnlyList<SceneSpec> scenes, VideoEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(encoding);
        encoding.Validate();
        foreach (var scene in scenes)
        {
            scene.Validate();
        }

        if (scenes.Any(s => s.Word is not null) && !File.Exists(_fontFile))
        {
            throw new InvalidOperationException($"Scenes with words need the font '{_fontFile}', which is missing: install fonts-dejavu-core (apt-get install fonts-dejavu-core) or pass another fontFile.");
        }

        Directory.CreateDirectory(outputDirectory);
        var videos = new SyntheticVideo[scenes.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, scenes.Count), parallel, async (i, ct) =>
        {
            var scene = scenes[i];
            var id = string.Create(CultureInfo.InvariantCulture, $"scene-{i:D4}");
            var file = $"{id}.{encoding.Extension}";
            await SceneEncoder.EncodeAsync(_ffmpegPath, SceneGraph.ForScene(scene, encoding, scene.Word is null ? null : _fontFile), encoding, variableFrameRate: false, Path.Combine(outputDirectory, file), ct).ConfigureAwait(false);
            videos[i] = new SyntheticVideo(id, file, scene, SceneText.Caption(scene), SceneText.Questions(scene), SceneText.Tags(scene),
                encoding.Width, encoding.Height, encoding.DurationSeconds, encoding.FramesPerSecond)
            {
                Reversed = SceneText.Describe(scene with { Motion = scene.Motion.Opposite() }),
            };
        }).ConfigureAwait(false);

        await SyntheticManifest.WriteAsync(Path.Combine(outputDirectory, SyntheticManifest.FileName), videos, cancellationToken).ConfigureAwait(false);
        return videos;
    }

    /// <summary>
    /// Encodes a video whose whole frame shows each segment's colour in turn, for exactly its seconds:
    /// the colour seen at any moment is known, which proves frame-accurate decoding. The encoding's
    /// duration is ignored; the segments set it.
    /// </summary>
    public async Task GenerateColorSequenceAsync(string path, IReadOnlyList<ColorSegment> segments, VideoEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(encoding);
        if (segments.Count == 0 || segments.Any(s => !double.IsFinite(s.Seconds) || s.Seconds <= 0 || s.FramesPerSecond is <= 0))
        {
            throw new ArgumentException("Give at least one segment, each with positive seconds (and a positive frame rate if set).", nameof(segments));
        }

        var total = segments.Sum(s => s.Seconds);
        var effective = encoding with { DurationSeconds = total };
        effective.Validate();
        var variable = segments.Any(s => s.FramesPerSecond is { } fps && fps != encoding.FramesPerSecond);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await SceneEncoder.EncodeAsync(_ffmpegPath, SceneGraph.ForColors(segments, effective), effective, variable, path, cancellationToken).ConfigureAwait(false);
    }
}

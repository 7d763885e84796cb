using System.Text.Json;
using VideoLang.Sampler.Synthetic;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>
/// Generates, once per test run, the small real files the sampler tests use: colour-sequence videos in
/// every shape that troubles decoders (B-frames, variable frame rate, non-zero start, rotation, odd
/// size, a clip-short video, a corrupt middle), every allowed container, and the bad inputs.
/// </summary>
public sealed class MediaFixture : IAsyncLifetime
{
    /// <summary>The colour of second k of every colour-sequence video.</summary>
    public static readonly SceneColor[] Colors = [SceneColor.Red, SceneColor.Green, SceneColor.Blue, SceneColor.Yellow, SceneColor.White, SceneColor.Black];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "vl-sampler-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>6 s, 96×64, 25 fps H.264 with B-frames and a 2 s GOP; colour changes every second.</summary>
    public string ColorsMp4 => At("colors.mp4");

    /// <summary>The colours at 25, 10, 30, 7, 15 and 12 fps: a variable frame rate, in Matroska.</summary>
    public string ColorsVfr => At("colors-vfr.mkv");

    /// <summary>The colours in MPEG-TS, whose first timestamp is 1.48 s (the muxer's 1.4 s plus B-frame delay).</summary>
    public string ColorsTs => At("colors.ts");

    /// <summary>Two colours in Matroska starting at 3.5 s.</summary>
    public string ColorsOffset => At("colors-offset.mkv");

    /// <summary>97×55 (odd), 4:4:4, red then green.</summary>
    public string OddSize => At("odd.mp4");

    /// <summary>0.6 s: red for 0.3 s then green, 10 fps. Shorter than a clip.</summary>
    public string Short => At("short.mp4");

    /// <summary>The colours, 25 fps, 1 s GOP, with the keyframe at 3 s overwritten with garbage.</summary>
    public string Corrupt => At("corrupt.mp4");

    /// <summary>A red square on the left of a blue background, 96×64 stored, rotated 90° clockwise for display, with audio.</summary>
    public string Rotated => At("rotated.mp4");

    public static readonly SceneSpec RotatedScene = new(ShapeKind.Square, SceneColor.Red, SceneColor.Blue, ScenePosition.Left);

    /// <summary>Matroska written as a live stream: no duration recorded, 2 s at 10 fps.</summary>
    public string Streamed => At("streamed.mkv");

    public string Webm => At("colors.webm");

    public string Avi => At("colors.avi");

    public string Flv => At("colors.flv");

    public string AudioOnly => At("audio-only.m4a");

    public string Gif => At("image.gif");

    public string RandomBytes => At("random.bin");

    public string Empty => At("empty.mp4");

    public string Truncated => At("truncated.mp4");

    public string Text => At("notes.txt");

    /// <summary>A file that other inputs point at; nothing may ever open it.</summary>
    public string Secret => At("secret.ts");

    public string Hls => At("playlist.m3u8");

    /// <summary>The same HLS playlist under a video name.</summary>
    public string HlsNamedMp4 => At("playlist.mp4");

    public string Concat => At("concat.mp4");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var generator = new SyntheticVideoGenerator();
        var colors = Colors.Select(c => new ColorSegment(c, 1)).ToList();
        var small = new VideoEncoding { Width = 96, Height = 64, FramesPerSecond = 25 };
        await Task.WhenAll(
            generator.GenerateColorSequenceAsync(ColorsMp4, colors, small with { KeyframeInterval = 50, BFrames = 3 }),
            generator.GenerateColorSequenceAsync(ColorsVfr, Colors.Zip([25.0, 10, 30, 7, 15, 12], (c, fps) => new ColorSegment(c, 1, fps)).ToList(), small with { Format = VideoFileFormat.Mkv }),
            generator.GenerateColorSequenceAsync(ColorsTs, colors, small with { Format = VideoFileFormat.MpegTs, KeyframeInterval = 25 }));
        await Task.WhenAll(
            generator.GenerateColorSequenceAsync(ColorsOffset, colors.Take(2).ToList(), small with { Format = VideoFileFormat.Mkv, StartOffsetSeconds = 3.5 }),
            generator.GenerateColorSequenceAsync(OddSize, colors.Take(2).ToList(), small with { Width = 97, Height = 55, FramesPerSecond = 10 }),
            generator.GenerateColorSequenceAsync(Short, [new(SceneColor.Red, 0.3), new(SceneColor.Green, 0.3)], small with { FramesPerSecond = 10 }),
            generator.GenerateColorSequenceAsync(Secret, colors.Take(1).ToList(), small with { Format = VideoFileFormat.MpegTs, FramesPerSecond = 5 }));
        var corruptSource = At("corrupt-source.mp4");
        await Task.WhenAll(
            generator.GenerateColorSequenceAsync(corruptSource, colors, small with { KeyframeInterval = 25, BFrames = 0 }),
            generator.GenerateColorSequenceAsync(Webm, colors.Take(2).ToList(), small with { Format = VideoFileFormat.Webm, Codec = VideoCodec.Vp9, FramesPerSecond = 10 }),
            generator.GenerateColorSequenceAsync(Avi, colors.Take(2).ToList(), small with { Format = VideoFileFormat.Avi, Codec = VideoCodec.Mpeg4, FramesPerSecond = 10 }),
            generator.GenerateColorSequenceAsync(Flv, colors.Take(2).ToList(), small with { Format = VideoFileFormat.Flv, FramesPerSecond = 10 }));
        var rotatedDirectory = At("rotated");
        await generator.GenerateAsync(rotatedDirectory, [RotatedScene], new VideoEncoding { Width = 96, Height = 64, DurationSeconds = 1, RotationDegrees = 90, WithAudio = true });
        File.Move(Path.Combine(rotatedDirectory, "scene-0000.mp4"), Rotated);

        await Task.WhenAll(
            Tools.FfmpegAsync("-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=2", "-c:v", "libx264", "-f", "matroska", "-live", "1", Streamed),
            Tools.FfmpegAsync("-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", "-f", "mp4", AudioOnly),
            Tools.FfmpegAsync("-f", "lavfi", "-i", "color=red:s=32x32:d=0.3", Gif));
        await CorruptKeyframeAsync(corruptSource, Corrupt, seconds: 3.0);

        File.WriteAllBytes(RandomBytes, RandomData(64 * 1024));
        File.WriteAllBytes(Empty, []);
        File.WriteAllBytes(Truncated, File.ReadAllBytes(ColorsMp4)[..2000]);
        File.WriteAllText(Text, "These are meeting notes, not a video.\nSecond line.\n");
        var playlist = $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\n{Secret}\n#EXT-X-ENDLIST\n";
        File.WriteAllText(Hls, playlist);
        File.WriteAllText(HlsNamedMp4, playlist);
        File.WriteAllText(Concat, $"ffconcat version 1.0\nfile '{Secret}'\n");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    private string At(string name) => Path.Combine(Root, name);

    private static byte[] RandomData(int length)
    {
        var bytes = new byte[length];
        new Random(1234).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Overwrites the payload of the keyframe shown at <paramref name="seconds"/> (keeping its NAL headers).</summary>
    private static async Task CorruptKeyframeAsync(string source, string target, double seconds)
    {
        var (exitCode, json, stderr) = await Tools.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,pos,size,flags", "-print_format", "json", source);
        Assert.True(exitCode == 0, stderr);
        using var document = JsonDocument.Parse(json);
        var packet = document.RootElement.GetProperty("packets").EnumerateArray()
            .Single(p => Math.Abs(double.Parse(p.GetProperty("pts_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - seconds) < 1e-6);
        Assert.StartsWith("K", packet.GetProperty("flags").GetString(), StringComparison.Ordinal);
        var position = long.Parse(packet.GetProperty("pos").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var size = int.Parse(packet.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var bytes = File.ReadAllBytes(source);
        var garbage = RandomData(size);
        // Keep the first NAL's 4-byte length and header so the damage is in the picture data itself.
        garbage.AsSpan(6, size - 6).CopyTo(bytes.AsSpan((int)position + 6, size - 6));
        File.WriteAllBytes(target, bytes);
    }
}

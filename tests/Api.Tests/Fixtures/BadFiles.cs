using VideoLang.Tests.Media;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>The kinds of bad upload a video service meets, written once per run next to a real video they are made from.</summary>
public static class BadFiles
{
    private static readonly Lazy<string> s_directory = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("vl-api-bad-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return directory;
    });

    /// <summary>The file of the given kind: empty, random-bytes, truncated-mp4, broken-mvhd (time scale 0) or hls-playlist.</summary>
    public static string Get(string kind, string goodVideo) => kind switch
    {
        "empty" => Write("empty.mp4", []),
        "random-bytes" => Write("noise.mp4", RandomBytes(64 * 1024, seed: 7)),
        "truncated-mp4" => Write("truncated.mp4", File.ReadAllBytes(goodVideo)[..(int)(new FileInfo(goodVideo).Length / 3)]),
        "broken-mvhd" => Write("broken-mvhd.mp4", Mp4MovieHeader.WithTimeScale(File.ReadAllBytes(goodVideo), 0)),
        "hls-playlist" => Write("stream.m3u8", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nsegment0.ts\n#EXTINF:4.0,\nsegment1.ts\n#EXT-X-ENDLIST\n"u8.ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use empty, random-bytes, truncated-mp4, broken-mvhd or hls-playlist."),
    };

    /// <summary>Random bytes with an .mp4 name, <paramref name="bytes"/> long.</summary>
    public static string Large(long bytes) => Write($"large-{bytes}.mp4", RandomBytes((int)bytes, seed: 9));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Write(string name, byte[] content)
    {
        var path = Path.Combine(s_directory.Value, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}

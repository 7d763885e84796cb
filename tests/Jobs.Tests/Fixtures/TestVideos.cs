using VideoLang.Sampler.Synthetic;

namespace VideoLang.Jobs.Tests.Fixtures;

/// <summary>Real video files made with ffmpeg: good ones from the synthetic generator, and the bad kinds uploads bring.</summary>
internal static class TestVideos
{
    public static async Task<IReadOnlyList<string>> GenerateAsync(string directory, int count, int seed)
    {
        var videos = await new SyntheticVideoGenerator().GenerateAsync(directory, count, seed, new VideoEncoding { Width = 96, Height = 72, DurationSeconds = 3, KeyframeInterval = 10 });
        return videos.Select(v => Path.Combine(directory, v.File)).ToArray();
    }

    /// <summary>Random bytes with a .mp4 name.</summary>
    public static string NotAVideo(string directory)
    {
        var path = Path.Combine(directory, "not-a-video.mp4");
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The first third of a real mp4: the index (at the end) is gone.</summary>
    public static string Truncated(string directory, string source)
    {
        var path = Path.Combine(directory, "truncated.mp4");
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        return path;
    }
}

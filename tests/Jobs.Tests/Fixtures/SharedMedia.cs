namespace VideoLang.Jobs.Tests.Fixtures;

/// <summary>Videos, bad files and a tiny checkpoint, made once per test run and shared read-only by every test class.</summary>
internal sealed class SharedMedia
{
    private static readonly Lazy<Task<SharedMedia>> s_shared = new(CreateAsync);

    private SharedMedia(string directory, IReadOnlyList<string> videos, string notAVideo, string truncated, string model)
    {
        Directory = directory;
        Videos = videos;
        NotAVideo = notAVideo;
        Truncated = truncated;
        ModelPath = model;
    }

    public string Directory { get; }

    /// <summary>Six distinct 3-second synthetic videos.</summary>
    public IReadOnlyList<string> Videos { get; }

    public string NotAVideo { get; }

    public string Truncated { get; }

    public string ModelPath { get; }

    public static Task<SharedMedia> GetAsync() => s_shared.Value;

    private static async Task<SharedMedia> CreateAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("vl-jobs-media-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(directory, recursive: true);
        var videos = await TestVideos.GenerateAsync(Path.Combine(directory, "videos"), 6, seed: 11);
        var bad = System.IO.Directory.CreateDirectory(Path.Combine(directory, "bad")).FullName;
        return new SharedMedia(directory, videos, TestVideos.NotAVideo(bad), TestVideos.Truncated(bad, videos[0]), TestModel.Save(Path.Combine(directory, "checkpoint")));
    }
}

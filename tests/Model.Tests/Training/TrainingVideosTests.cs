using System.Diagnostics;
using System.Globalization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Tests.Training;

/// <summary>Preparing training videos on real ffmpeg: queued under the process limit, failures retried, named and skipped or refused.</summary>
public sealed class TrainingVideosTests : IDisposable
{
    private static readonly ClipSampling s_sampling = new(ClipCount: 2, FramesPerClip: 2, FramesPerSecond: 2);

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-training-videos-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PrepareAsync_NeverRunsMoreMediaProcessesThanTheLimit_WhenHundredsOfVideosQueue()
    {
        var examples = Copies(await SmallVideoAsync(), 200);
        var limit = MediaProcesses.Limit;
        using var stop = new CancellationTokenSource();
        var most = 0;
        var counter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                most = Math.Max(most, RunningMediaChildren());
                await Task.Delay(5);
            }
        });
        PreparedVideos prepared;
        try
        {
            prepared = await TrainingVideos.PrepareAsync(new VideoSampler(new SamplerOptions { MaxMediaProcesses = 2 }), examples, s_sampling, 32, UnreadableVideos.Fail);
        }
        finally
        {
            await stop.CancelAsync();
            await counter;
            MediaProcesses.Limit = limit;
        }

        try
        {
            Assert.Equal(examples.Count, prepared.Videos.Count);
            Assert.Empty(prepared.Skipped);
            Assert.All(prepared.Videos, v => Assert.Equal(2, v.ClipCount));
            Assert.InRange(most, 1, 2);
        }
        finally
        {
            Release(prepared.Videos);
        }
    }

    [Fact]
    public async Task PrepareAsync_NamesTheUnreadableVideo_AfterDecodingTheRest()
    {
        var examples = WithBroken(Copies(await SmallVideoAsync(), 4));

        var error = await Assert.ThrowsAsync<TrainingDataException>(() =>
            TrainingVideos.PrepareAsync(new VideoSampler(), examples, s_sampling, 32, UnreadableVideos.Fail));

        var failure = Assert.Single(error.Failures);
        Assert.Equal(Path.Combine(_directory, "broken.mp4"), failure.Path);
        Assert.StartsWith("1 of 5 training videos could not be decoded (each tried twice)", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.mp4: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_TrainsOnTheRest_WhenToldToSkipUnreadableVideos()
    {
        var examples = WithBroken(Copies(await SmallVideoAsync(), 4));

        var prepared = await TrainingVideos.PrepareAsync(new VideoSampler(), examples, s_sampling, 32, UnreadableVideos.Skip);
        try
        {
            Assert.Equal(4, prepared.Videos.Count);
            Assert.DoesNotContain(prepared.Examples, e => e.VideoPath.EndsWith("broken.mp4", StringComparison.Ordinal));
            Assert.Equal(Path.Combine(_directory, "broken.mp4"), Assert.Single(prepared.Skipped).Path);
        }
        finally
        {
            Release(prepared.Videos);
        }
    }

    private async Task<string> SmallVideoAsync()
    {
        var path = Path.Combine(_directory, "source.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "2", "-pix_fmt", "yuv420p", path })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }

    private List<TrainingExample> Copies(string source, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"video-{i:000}.mp4"));
            File.Copy(source, path);
            return new TrainingExample(path, ["a test pattern"], [], []);
        }).ToList();

    private List<TrainingExample> WithBroken(List<TrainingExample> examples)
    {
        var broken = Path.Combine(_directory, "broken.mp4");
        File.WriteAllBytes(broken, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        examples.Insert(2, new TrainingExample(broken, ["noise"], [], []));
        return examples;
    }

    /// <summary>ffprobe and ffmpeg processes this test process has started and that still run.</summary>
    private static int RunningMediaChildren()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after its ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var comm = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                if (comm is "ffmpeg" or "ffprobe" && fields[1] == self && fields[0] != "Z")
                {
                    count++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // Not a process, or it ended while we read it.
            }
        }
        return count;
    }

    private static void Release(IEnumerable<DecodedVideo> videos)
    {
        foreach (var video in videos)
        {
            video.Dispose();
        }
    }
}

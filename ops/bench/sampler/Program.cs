// The Sampler benchmark: on a generated 10-minute 720p H.264 video, the time to sample and decode
// N clips x T frames at S px (N = 1, 4, 16) against the time ffmpeg takes to decode every frame of the
// same file (-f null), measured in the same run. Prints JSON lines; ratio = full decode / sparse decode
// (target: >= 20 for 16 x 2 at 448 px).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

var options = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal))
    {
        options[args[i][2..]] = i + 1 < args.Length ? args[i + 1] : "";
    }
}

var cache = options.GetValueOrDefault("cache", Path.Combine(Path.GetTempPath(), "videolang-bench"));
var seconds = int.Parse(options.GetValueOrDefault("seconds", "600"), CultureInfo.InvariantCulture);
var gops = options.GetValueOrDefault("gops", "50,250").Split(',').Select(g => int.Parse(g, CultureInfo.InvariantCulture)).ToArray();
var clipCounts = options.GetValueOrDefault("clips", "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var size = int.Parse(options.GetValueOrDefault("size", "448"), CultureInfo.InvariantCulture);
var repeats = int.Parse(options.GetValueOrDefault("repeats", "3"), CultureInfo.InvariantCulture);
var fullRepeats = int.Parse(options.GetValueOrDefault("full-repeats", "2"), CultureInfo.InvariantCulture);
const int FramesPerClip = 2;
const int SourceFps = 25;

Directory.CreateDirectory(cache);
foreach (var gop in gops)
{
    var path = Path.Combine(cache, string.Create(CultureInfo.InvariantCulture, $"testsrc2-720p-{seconds}s-gop{gop}.mp4"));
    await EnsureVideoAsync(path, seconds, gop);

    var sampler = new VideoSampler();
    var probeTimes = new List<double>();
    var video = await sampler.ProbeAsync(path);
    for (var r = 0; r < repeats; r++)
    {
        probeTimes.Add(await TimeAsync(() => sampler.ProbeAsync(path)));
    }

    var fullTimes = new List<double>();
    for (var r = 0; r < fullRepeats; r++)
    {
        fullTimes.Add(await TimeAsync(() => RunFfmpegAsync(["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"])));
    }

    var full = Median(fullTimes);
    var totalFrames = seconds * SourceFps;
    Emit(new JsonObject
    {
        ["bench"] = "sampler",
        ["name"] = "full_decode",
        ["gop"] = gop,
        ["seconds"] = Round(full),
        ["frames"] = totalFrames,
        ["frames_per_second"] = Round(totalFrames / full),
    });

    foreach (var clips in clipCounts)
    {
        await MeasureSparseAsync("sparse_decode", sampler, clips);
    }

    // The design choice behind MaxClipsPerProcess: the same 16 clips with one ffmpeg process each.
    var oneEach = new VideoSampler(new SamplerOptions { MaxClipsPerProcess = 1 });
    await MeasureSparseAsync("sparse_decode_one_process_per_clip", oneEach, clipCounts.Max());

    async Task MeasureSparseAsync(string name, VideoSampler s, int clips)
    {
        var plan = ClipPlan.ForInference(video.DurationSeconds, new ClipSampling(clips, FramesPerClip, 2));
        var frames = new FrameSpec(size);
        using (await s.DecodeAsync(path, video, plan, frames))
        {
            // Warm-up: page cache and JIT.
        }

        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            times.Add(await TimeAsync(async () =>
            {
                using var batch = await s.DecodeAsync(path, video, plan, frames);
            }));
        }

        var sparse = Median(times);
        var probe = Median(probeTimes);
        Emit(new JsonObject
        {
            ["bench"] = "sampler",
            ["name"] = name,
            ["gop"] = gop,
            ["clips"] = clips,
            ["frames_per_clip"] = FramesPerClip,
            ["size"] = size,
            ["seconds"] = Round(sparse),
            ["probe_seconds"] = Round(probe),
            ["frames"] = clips * FramesPerClip,
            ["frames_per_second"] = Round(clips * FramesPerClip / sparse),
            ["full_decode_seconds"] = Round(full),
            ["ratio_vs_full_decode"] = Round(full / sparse),
            ["ratio_vs_full_decode_with_probe"] = Round(full / (sparse + probe)),
            ["target_ratio"] = clips == 16 && FramesPerClip == 2 && size == 448 ? 20 : null,
            ["processors"] = Environment.ProcessorCount,
            ["max_concurrent_decodes"] = s.Options.MaxConcurrentDecodes,
            ["max_clips_per_process"] = s.Options.MaxClipsPerProcess,
        });
    }
}

static async Task EnsureVideoAsync(string path, int seconds, int gop)
{
    if (File.Exists(path))
    {
        return;
    }

    Console.Error.WriteLine($"generating {path} (once; cached)");
    var partial = path + ".partial.mp4";
    await RunFfmpegAsync(["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=s=1280x720:r={SourceFps}:d={seconds}"),
        "-c:v", "libx264", "-preset", "ultrafast", "-g", gop.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", partial]);
    File.Move(partial, path);
}

static async Task RunFfmpegAsync(string[] arguments)
{
    var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var errors = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalSeconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static double Round(double value) => Math.Round(value, 4);

static void Emit(JsonObject line) => Console.WriteLine(line.ToJsonString());

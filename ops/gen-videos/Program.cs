// Writes synthetic videos of known content plus manifest.jsonl (captions, QA pairs, tags).
// Usage: gen-videos --out DIR [--count 20] [--seed 1] [--width 160] [--height 120] [--fps 10]
//                   [--seconds 3] [--codec h264|h265|vp9|mpeg4] [--format mp4|mov|mkv|webm|avi|mpegts|flv]
using System.Globalization;
using VideoLang.Sampler.Synthetic;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        return Usage($"unexpected argument '{args[i]}'");
    }

    options[args[i][2..]] = args[++i];
}

if (!options.TryGetValue("out", out var output))
{
    return Usage("--out DIR is required");
}

try
{
    var encoding = new VideoEncoding
    {
        Width = Int("width", 160),
        Height = Int("height", 120),
        FramesPerSecond = Double("fps", 10),
        DurationSeconds = Double("seconds", 3),
        Codec = Enum.Parse<VideoCodec>(options.GetValueOrDefault("codec", "h264"), ignoreCase: true),
        Format = Enum.Parse<VideoFileFormat>(options.GetValueOrDefault("format", "mp4"), ignoreCase: true),
    };
    var videos = await new SyntheticVideoGenerator().GenerateAsync(output, Int("count", 20), Int("seed", 1), encoding);
    foreach (var video in videos)
    {
        Console.WriteLine($"{video.File}\t{video.Caption}");
    }

    Console.Error.WriteLine($"wrote {videos.Count} videos and {Path.Combine(output, SyntheticManifest.FileName)}");
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    return Usage(e.Message);
}

int Int(string name, int fallback) => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

double Double(string name, double fallback) => options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

static int Usage(string problem)
{
    Console.Error.WriteLine($"gen-videos: {problem}");
    Console.Error.WriteLine("usage: gen-videos --out DIR [--count 20] [--seed 1] [--width 160] [--height 120] [--fps 10] [--seconds 3] [--codec h264|h265|vp9|mpeg4] [--format mp4|mov|mkv|webm|avi|mpegts|flv]");
    return 2;
}

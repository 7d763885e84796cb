using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>Runs ffmpeg/ffprobe directly, for fixtures the generator does not make and for checks around the sampler.</summary>
internal static class Tools
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, params string[] arguments)
    {
        using var stdout = new MemoryStream();
        var stderr = new System.Text.StringBuilder();
        var exitCode = await MediaProcess.RunAsync(executable, arguments, "test input", (s, ct) => s.CopyToAsync(stdout, ct), line => stderr.AppendLine(line), new ProcessBudget(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), CancellationToken.None);
        return (exitCode, System.Text.Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public static async Task FfmpegAsync(params string[] arguments)
    {
        var (exitCode, _, stderr) = await RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);
        Assert.True(exitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {stderr}");
    }
}

using System.Globalization;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Synthetic;

/// <summary>Runs ffmpeg on a lavfi scene graph and, for rotated videos, remuxes in the display matrix.</summary>
internal static class SceneEncoder
{
    // Encoding a generated scene is short; the budget only stops a tool that runs away.
    private static readonly ProcessBudget s_budget = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));

    public static async Task EncodeAsync(string ffmpegPath, string graph, VideoEncoding encoding, bool variableFrameRate, string path, CancellationToken cancellationToken)
    {
        var target = encoding.RotationDegrees == 0 ? path : path + ".unrotated";
        List<string> arguments = ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+error", "-y",
            "-f", "lavfi", "-i", graph];
        if (encoding.WithAudio)
        {
            arguments.AddRange(["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate=48000:duration={encoding.DurationSeconds:0.######}")]);
        }

        arguments.AddRange(EncoderArguments.For(encoding, variableFrameRate));
        arguments.Add(target);
        await RunAsync(ffmpegPath, arguments, cancellationToken).ConfigureAwait(false);

        if (encoding.RotationDegrees != 0)
        {
            // ffmpeg 5.1 writes a display matrix only when remuxing, and its "rotate" tag turns the
            // picture counter-clockwise: 270 there is a quarter turn clockwise, as a portrait phone video has.
            var counterClockwise = (360 - encoding.RotationDegrees) % 360;
            await RunAsync(ffmpegPath, ["-nostdin", "-hide_banner", "-loglevel", "level+error", "-y", "-i", target, "-map", "0", "-c", "copy",
                "-metadata:s:v:0", string.Create(CultureInfo.InvariantCulture, $"rotate={counterClockwise}"), "-fflags", "+bitexact", path], cancellationToken).ConfigureAwait(false);
            File.Delete(target);
        }
    }

    private static async Task RunAsync(string ffmpegPath, List<string> arguments, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var exitCode = await MediaProcess.RunAsync(ffmpegPath, arguments, Path.GetFileName(arguments[^1]), null, line => errors.Add(FfmpegLog.Clean(line)), s_budget, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new MediaToolException($"ffmpeg could not encode '{arguments[^1]}' (exit code {exitCode}): {string.Join(" | ", errors.TakeLast(5))}");
        }
    }
}

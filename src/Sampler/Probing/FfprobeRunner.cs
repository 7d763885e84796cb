using System.Text.Json;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Probing;

/// <summary>Runs ffprobe for JSON and keeps its error lines for messages.</summary>
internal static class FfprobeRunner
{
    public static async Task<FfprobeResult> RunAsync(SamplerOptions options, List<string> arguments, string fileName, CancellationToken cancellationToken)
    {
        var errors = new List<FfmpegLogLine>();
        using var output = new MemoryStream();
        var exitCode = await MediaProcess.RunAsync(
            options.FfprobePath,
            arguments,
            fileName,
            (stdout, ct) => stdout.CopyToAsync(output, ct),
            line =>
            {
                if (FfmpegLog.TryParse(line, out var parsed))
                {
                    errors.Add(parsed);
                }
                else if (line.Length > 0)
                {
                    errors.Add(new FfmpegLogLine(null, "error", line));
                }
            },
            options.Budget,
            cancellationToken).ConfigureAwait(false);

        JsonDocument? json = null;
        if (output.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(output.ToArray());
            }
            catch (JsonException)
            {
                errors.Add(new FfmpegLogLine(null, "error", $"ffprobe printed invalid JSON for {fileName}"));
            }
        }

        return new FfprobeResult(exitCode, json, errors);
    }

    public static string Summarise(List<FfmpegLogLine> errors, string fullPath, string fileName)
    {
        var texts = errors
            .Select(e => e.Text.Replace(InputArguments.FileUrl(fullPath), fileName, StringComparison.Ordinal).Replace(fullPath, fileName, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToList();
        return texts.Count == 0 ? "no reason given" : string.Join("; ", texts);
    }
}

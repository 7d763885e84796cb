using System.Text.RegularExpressions;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// Reads ffmpeg log lines printed with <c>-loglevel level+...</c>: <c>[context @ 0x...] [level] text</c>
/// or, for ffmpeg's own messages, <c>[level] text</c>.
/// </summary>
internal static partial class FfmpegLog
{
    public static bool TryParse(string line, out FfmpegLogLine parsed)
    {
        var match = LinePattern().Match(line);
        if (!match.Success)
        {
            parsed = default;
            return false;
        }

        var context = match.Groups["context"];
        parsed = new FfmpegLogLine(
            context.Success ? context.Value : null,
            match.Groups["level"].Value,
            match.Groups["text"].Value);
        return true;
    }

    /// <summary>A line without the process-specific pointer, fit for an error message.</summary>
    public static string Clean(string line) => PointerPattern().Replace(line, "");

    [GeneratedRegex(@"^(?:\[(?<context>[^\]]+?) @ 0x[0-9a-f]+\] )?\[(?<level>quiet|panic|fatal|error|warning|info|verbose|debug|trace)\] (?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();

    [GeneratedRegex(@" @ 0x[0-9a-f]+", RegexOptions.CultureInvariant)]
    private static partial Regex PointerPattern();
}

using System.Globalization;
using System.Text.RegularExpressions;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// Reads the stderr of a <see cref="DecodeGroup"/> run: the <c>showinfo@p{k}</c> and
/// <c>showinfo@q{k}</c> lines give each clip's frames in and out, ffmpeg's own error lines give
/// decoding damage, attributed to a clip where ffmpeg names the input.
/// </summary>
internal sealed partial class GroupLog(int clipCount, VideoInfo video, string fullPath)
{
    private const int MaxDecoderMessages = 8;

    public ClipOutput[] Clips { get; } = Enumerable.Range(0, clipCount).Select(_ => new ClipOutput()).ToArray();

    /// <summary>Problems that belong to the run rather than a known clip.</summary>
    public List<string> GroupErrors { get; } = [];

    /// <summary>A few of the decoder's own error lines, to explain a failure.</summary>
    public List<string> DecoderMessages { get; } = [];

    public void OnLine(string line)
    {
        if (!FfmpegLog.TryParse(line, out var log))
        {
            return;
        }

        if (log.Context is { } context && context.StartsWith("showinfo@", StringComparison.Ordinal))
        {
            OnShowinfo(context, log.Text);
        }
        else if (log.Context is null && (log.IsError || log.Text.Contains("corrupt decoded frame", StringComparison.Ordinal)))
        {
            OnDecodeError(log.Text);
        }
        else if (log.IsError && DecoderMessages.Count < MaxDecoderMessages)
        {
            DecoderMessages.Add($"{log.Context}: {log.Text}");
        }
    }

    private void OnShowinfo(string context, string text)
    {
        // "showinfo@p3": frames entering clip 3's chain; "showinfo@q3": frames leaving it.
        if (context.Length < 11
            || !int.TryParse(context.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || k >= Clips.Length)
        {
            return;
        }

        var output = Clips[k];
        var entering = context[9] == 'p';
        if (text.StartsWith("n:", StringComparison.Ordinal))
        {
            if (!entering)
            {
                output.OutputFrames++;
            }
            else if (PtsPattern().Match(text) is { Success: true } match)
            {
                output.InputPts.Add(long.Parse(match.Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
        }
        else if (entering && TimeBasePattern().Match(text) is { Success: true } config
            && Fraction.Parse(config.Groups[1].Value) != video.TimeBase)
        {
            output.TimeBaseMismatch = true;
        }
    }

    private void OnDecodeError(string text)
    {
        var cleaned = text.Replace(InputArguments.FileUrl(fullPath), Path.GetFileName(fullPath), StringComparison.Ordinal);
        if (StreamErrorPattern().Match(text) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var input)
            && input < Clips.Length)
        {
            // Errors before an input's first frame are the decoder finding its footing after a seek
            // (a transport stream entered between keyframes, say), not damage in the clip.
            if (Clips[input].InputPts.Count > 0)
            {
                Clips[input].Errors.Add(cleaned);
            }

            return;
        }

        if (Clips.Length == 1)
        {
            Clips[0].Errors.Add(cleaned);
        }
        else
        {
            GroupErrors.Add(cleaned);
        }
    }

    [GeneratedRegex(@"\bpts:\s*(-?\d+)\s", RegexOptions.CultureInvariant)]
    private static partial Regex PtsPattern();

    [GeneratedRegex(@"^config in time_base: (\d+/\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TimeBasePattern();

    [GeneratedRegex(@"^Error while decoding stream #(\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex StreamErrorPattern();
}

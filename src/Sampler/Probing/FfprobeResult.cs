using System.Text.Json;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Probing;

/// <summary>ffprobe's exit code, its JSON (null when it printed none; the caller disposes it) and its error lines.</summary>
internal sealed record FfprobeResult(int ExitCode, JsonDocument? Json, List<FfmpegLogLine> Errors);

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>One parsed log line; <see cref="Context"/> is null for ffmpeg's own messages.</summary>
internal readonly record struct FfmpegLogLine(string? Context, string Level, string Text)
{
    public bool IsError => Level is "error" or "fatal" or "panic";
}

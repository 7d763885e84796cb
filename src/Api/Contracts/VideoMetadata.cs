using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>What ffprobe found in an uploaded file, and its size and SHA-256.</summary>
public sealed record VideoMetadata(
    double? DurationSeconds,
    long SizeBytes,
    string? Container,
    string? Codec,
    int? Width,
    int? Height,
    double? FrameRate,
    string Sha256)
{
    internal static VideoMetadata From(Video video) =>
        new(video.DurationSeconds, video.SizeBytes, video.Container, video.Codec, video.Width, video.Height, video.FrameRate, video.Sha256);
}

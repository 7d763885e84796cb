namespace VideoLang.Api.Contracts;

/// <summary>Where to read a video and its ingest job.</summary>
public sealed record VideoLinks(string Self, string? Job)
{
    internal static VideoLinks For(Guid videoId, Guid? jobId) => new(ApiPaths.Video(videoId), jobId is { } id ? ApiPaths.Job(id) : null);
}

using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>One video in full: state (and why it failed), metadata, ingest job, and its tags best first.</summary>
public sealed record VideoDetails(
    Guid Id,
    string OriginalName,
    VideoStatus Status,
    string? FailureReason,
    VideoMetadata Metadata,
    Guid? JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<VideoTagResult> Tags,
    VideoLinks Links)
{
    internal static VideoDetails From(Video video, Guid? jobId, IReadOnlyList<VideoTag> tags, IReadOnlyDictionary<int, ClipRange>? clips) =>
        new(video.Id, video.OriginalName, video.Status, video.FailureReason, VideoMetadata.From(video), jobId, video.CreatedAt, video.UpdatedAt,
            tags.OrderByDescending(t => t.Score).ThenBy(t => t.Label, StringComparer.Ordinal).Select(t => VideoTagResult.From(t, clips)).ToArray(),
            VideoLinks.For(video.Id, jobId));
}

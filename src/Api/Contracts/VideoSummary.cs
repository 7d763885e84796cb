using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>A video as uploads and lists show it: its state, metadata and ingest job, without tags.</summary>
public sealed record VideoSummary(
    Guid Id,
    string OriginalName,
    VideoStatus Status,
    string? FailureReason,
    VideoMetadata Metadata,
    Guid? JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    VideoLinks Links)
{
    internal static VideoSummary From(Video video, Guid? jobId) =>
        new(video.Id, video.OriginalName, video.Status, video.FailureReason, VideoMetadata.From(video), jobId, video.CreatedAt, video.UpdatedAt,
            VideoLinks.For(video.Id, jobId));
}

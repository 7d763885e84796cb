namespace VideoLang.Jobs.Store;

/// <summary>Where a video is in its life: uploaded and waiting, being ingested, searchable, or rejected with a reason.</summary>
public enum VideoStatus
{
    Pending,
    Processing,
    Ready,
    Failed,
}

namespace VideoLang.Jobs.Store;

/// <summary>The state of a background job as the API reports it.</summary>
public enum JobStatus
{
    Queued,
    Running,
    /// <summary>A transient fault; waiting for its back-off before the next attempt.</summary>
    Retrying,
    Succeeded,
    Failed,
    Cancelled,
}

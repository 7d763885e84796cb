namespace VideoLang.Jobs.Store;

/// <summary>The state of a batch of questions.</summary>
public enum QaBatchStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}

namespace VideoLang.Jobs.Store;

/// <summary>The state of one question of a batch.</summary>
public enum QaItemStatus
{
    Pending,
    Answered,
    Failed,
}

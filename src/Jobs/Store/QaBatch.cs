namespace VideoLang.Jobs.Store;

/// <summary>
/// A batch of questions about a tenant's videos, answered in the background. The counts are the
/// progress the API reports while it runs; <see cref="CancelRequested"/> is read between chunks.
/// </summary>
public sealed class QaBatch
{
    public Guid Id { get; set; }

    public required string Tenant { get; set; }

    public QaBatchStatus Status { get; set; }

    public int ItemCount { get; set; }

    public int AnsweredCount { get; set; }

    public int FailedCount { get; set; }

    public bool CancelRequested { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public List<QaItem> Items { get; set; } = [];
}

using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>A QA batch's state and progress: how many questions are answered, failed and still pending, as counts and a percentage.</summary>
public sealed record QaBatchProgress(
    Guid Id,
    QaBatchStatus Status,
    int ItemCount,
    int Answered,
    int Failed,
    int Pending,
    double Percent,
    bool CancelRequested,
    string? FailureReason,
    Guid? JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    QaBatchLinks Links)
{
    internal static QaBatchProgress From(QaBatch batch, Guid? jobId)
    {
        var done = batch.AnsweredCount + batch.FailedCount;
        var percent = batch.ItemCount == 0 ? 100 : Math.Round(100.0 * done / batch.ItemCount, 1);
        return new(batch.Id, batch.Status, batch.ItemCount, batch.AnsweredCount, batch.FailedCount, Math.Max(0, batch.ItemCount - done), percent,
            batch.CancelRequested, batch.FailureReason, jobId, batch.CreatedAt, batch.StartedAt, batch.FinishedAt, QaBatchLinks.For(batch.Id, jobId));
    }
}

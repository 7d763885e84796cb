namespace VideoLang.Jobs.Store;

/// <summary>
/// One question of a batch: about one video, open-ended or with options; once answered, the answer,
/// its score and the clip evidence behind it; or why it could not be answered.
/// </summary>
public sealed class QaItem
{
    public Guid BatchId { get; set; }

    /// <summary>Position in the submitted batch (0-based); with the batch id, the item's key.</summary>
    public int Ordinal { get; set; }

    public Guid VideoId { get; set; }

    public required string Question { get; set; }

    /// <summary>Multiple-choice options; null for an open-ended question.</summary>
    public string[]? Options { get; set; }

    public QaItemStatus Status { get; set; }

    public string? Answer { get; set; }

    public double? Score { get; set; }

    public int? BestClip { get; set; }

    public double? StartSeconds { get; set; }

    public double? EndSeconds { get; set; }

    public double[]? ClipScores { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}

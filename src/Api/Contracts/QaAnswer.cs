using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>
/// One question of a batch and, once answered, the answer with its probability, the clip that supports
/// it most (index and time range) and every clip's probability; or why it could not be answered.
/// </summary>
public sealed record QaAnswer(
    int Ordinal,
    Guid VideoId,
    string Question,
    IReadOnlyList<string>? Options,
    QaItemStatus Status,
    string? Answer,
    double? Score,
    int? Clip,
    double? StartSeconds,
    double? EndSeconds,
    IReadOnlyList<ClipScore> Clips,
    string? Error,
    DateTimeOffset? AnsweredAt)
{
    internal static QaAnswer From(QaItem item, IReadOnlyDictionary<int, ClipRange>? clips) =>
        new(item.Ordinal, item.VideoId, item.Question, item.Options, item.Status, item.Answer, item.Score, item.BestClip, item.StartSeconds, item.EndSeconds,
            ClipScore.List(item.ClipScores, clips), item.Error, item.AnsweredAt);
}

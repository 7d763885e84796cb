using VideoLang.Model.Inference;

namespace VideoLang.Jobs.Search;

/// <summary>
/// A video (or one of its clips) that matches the query: the match probability from both stages
/// (the sigmoid of the dual encoder's similarity logit plus the cross-encoder's match logit), the
/// moment that matched best, the first stage's embedding similarity, and every clip's probability
/// as evidence.
/// </summary>
public sealed record SearchHit(
    Guid VideoId,
    string OriginalName,
    double Score,
    int Clip,
    double StartSeconds,
    double EndSeconds,
    double EmbeddingSimilarity,
    IReadOnlyList<ClipEvidence> Clips);

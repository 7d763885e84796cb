using VideoLang.Model.Heads;

namespace VideoLang.Model.Inference;

/// <summary>
/// A video-level prediction (a match score, an answer, a tag) with the clip evidence behind it: each
/// clip's score and time range, and the consensus that combined them. <see cref="BestClip"/> is the
/// moment to show the user.
/// </summary>
public sealed record ScoredLabel(string Label, double Score, Consensus Consensus, IReadOnlyList<ClipEvidence> Evidence)
{
    public ClipEvidence BestClip => Evidence.MaxBy(e => e.Score)!;
}

using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>A tag of a video: its probability, the clip that supports it most (index and time range) and every clip's probability.</summary>
public sealed record VideoTagResult(string Label, double Score, int Clip, double StartSeconds, double EndSeconds, IReadOnlyList<ClipScore> Clips)
{
    internal static VideoTagResult From(VideoTag tag, IReadOnlyDictionary<int, ClipRange>? clips) =>
        new(tag.Label, tag.Score, tag.BestClip, tag.StartSeconds, tag.EndSeconds, ClipScore.List(tag.ClipScores, clips));
}

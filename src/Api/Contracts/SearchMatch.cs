using VideoLang.Jobs.Search;

namespace VideoLang.Api.Contracts;

/// <summary>
/// One search result: the video (or one of its clips), the cross-encoder's match probability, the best
/// clip's time range, the first stage's embedding similarity, and every clip's probability.
/// </summary>
public sealed record SearchMatch(
    int Rank,
    Guid VideoId,
    string OriginalName,
    double Score,
    int Clip,
    double StartSeconds,
    double EndSeconds,
    double EmbeddingSimilarity,
    IReadOnlyList<ClipScore> Clips,
    VideoLinks Links)
{
    internal static SearchMatch From(int rank, SearchHit hit) =>
        new(rank, hit.VideoId, hit.OriginalName, hit.Score, hit.Clip, hit.StartSeconds, hit.EndSeconds, hit.EmbeddingSimilarity,
            hit.Clips.Select(c => new ClipScore(c.Clip, c.StartSeconds, c.EndSeconds, c.Score)).ToArray(),
            new VideoLinks(ApiPaths.Video(hit.VideoId), null));
}

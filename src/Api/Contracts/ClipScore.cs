namespace VideoLang.Api.Contracts;

/// <summary>One clip's score for a tag, an answer or a search text, with the clip's time range in the video.</summary>
public sealed record ClipScore(int Clip, double StartSeconds, double EndSeconds, double Score)
{
    /// <summary>Pairs per-clip scores (indexed by clip) with the clips' time ranges; scores of clips no longer stored are left out.</summary>
    internal static IReadOnlyList<ClipScore> List(IReadOnlyList<double>? scores, IReadOnlyDictionary<int, ClipRange>? clips)
    {
        if (scores is null || clips is null)
        {
            return [];
        }
        var list = new List<ClipScore>(scores.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            if (clips.TryGetValue(i, out var range))
            {
                list.Add(new ClipScore(i, range.StartSeconds, range.EndSeconds, scores[i]));
            }
        }
        return list;
    }
}

namespace VideoLang.Model.Training;

/// <summary>
/// For each example, the captions of other examples that share the most word pieces with its own
/// (Jaccard similarity of token-id sets), never one of its own captions: the hard negatives of ITM.
/// </summary>
internal sealed class CaptionNeighbours
{
    // Past this many captions, each is compared with a fixed random sample of this many others:
    // all pairs would grow quadratically, and a sample of thousands still finds near-duplicates.
    private const int MaxCandidates = 4000;

    private readonly string[][] _neighbours;

    private CaptionNeighbours(string[][] neighbours) => _neighbours = neighbours;

    public IReadOnlyList<string> Of(int example) => _neighbours[example];

    public static CaptionNeighbours Build(TrainingSet data, int poolSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        var captions = data.Examples.SelectMany((e, i) => e.Captions.Select(c => (Example: i, Text: c))).ToArray();
        var tokens = captions.Select(c => data.EncodeText(c.Text).ToHashSet()).ToArray();
        var candidates = Enumerable.Range(0, captions.Length).ToArray();
        if (candidates.Length > MaxCandidates)
        {
            var sample = new Random(0);
            candidates = candidates.OrderBy(_ => sample.Next()).Take(MaxCandidates).ToArray();
        }
        var neighbours = new string[data.Count][];
        for (var i = 0; i < data.Count; i++)
        {
            var own = data.Examples[i].Captions;
            var mine = captions.Select((c, k) => (c, k)).Where(p => p.c.Example == i).Select(p => tokens[p.k]).ToArray();
            neighbours[i] = mine.Length == 0
                ? []
                : candidates.Where(k => captions[k].Example != i && !own.Contains(captions[k].Text))
                    .Select(k => (Text: captions[k].Text, Score: mine.Max(m => Jaccard(m, tokens[k]))))
                    .OrderByDescending(p => p.Score).Select(p => p.Text).Distinct().Take(poolSize).ToArray();
        }
        return new CaptionNeighbours(neighbours);
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        var shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}

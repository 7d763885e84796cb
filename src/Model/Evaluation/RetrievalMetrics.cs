namespace VideoLang.Model.Evaluation;

/// <summary>Text→video retrieval quality: recall at 1, 5 and 10, and the median rank of the right video (1 is best).</summary>
public sealed record RetrievalMetrics(double RecallAt1, double RecallAt5, double RecallAt10, double MedianRank, int Queries, int Candidates)
{
    /// <summary>From the 1-based rank of the right video for each query.</summary>
    public static RetrievalMetrics FromRanks(IReadOnlyList<int> ranks, int candidates)
    {
        if (ranks.Count == 0)
        {
            throw new ArgumentException("No queries to evaluate.", nameof(ranks));
        }
        var sorted = ranks.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
        double Recall(int k) => ranks.Count(r => r <= k) / (double)ranks.Count;
        return new RetrievalMetrics(Recall(1), Recall(5), Recall(10), median, ranks.Count, candidates);
    }
}

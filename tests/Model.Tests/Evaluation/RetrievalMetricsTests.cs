using VideoLang.Model.Evaluation;

namespace VideoLang.Model.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    [Fact]
    public void FromRanks_GivesRecallsAndMedian()
    {
        var metrics = RetrievalMetrics.FromRanks([1, 1, 2, 6, 11, 3], candidates: 50);
        Assert.Equal(2 / 6.0, metrics.RecallAt1, 12);
        Assert.Equal(4 / 6.0, metrics.RecallAt5, 12);
        Assert.Equal(5 / 6.0, metrics.RecallAt10, 12);
        Assert.Equal(2.5, metrics.MedianRank);
        Assert.Equal(6, metrics.Queries);
    }
}

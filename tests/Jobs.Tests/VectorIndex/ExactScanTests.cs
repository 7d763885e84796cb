using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Jobs.Tests.VectorIndex;

public sealed class ExactScanTests
{
    [Fact]
    public void Dot_EqualsTheScalarSum_WhenTheLengthIsNoMultipleOfTheSimdWidth()
    {
        var random = new Random(7);
        foreach (var length in new[] { 1, 7, 17, 512, 515 })
        {
            var a = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var expected = a.Zip(b, (x, y) => (double)x * y).Sum();
            Assert.Equal(expected, ExactScan.Dot(a, b), 4);
        }
    }

    [Fact]
    public void Search_RanksByCosine_MostSimilarFirst()
    {
        var scan = new ExactScan(3);
        scan.Add(10, [1, 0, 0]);
        scan.Add(20, [0, 1, 0]);
        scan.Add(30, [0, 0, 1]);
        scan.Add(40, SyntheticVectors.Unit([1, 1, 0]));

        var matches = scan.Search(SyntheticVectors.Unit([1, 0.3f, 0]), 3);

        Assert.Equal([10UL, 40UL, 20UL], matches.Select(m => m.Key));
        Assert.Equal(1 / MathF.Sqrt(1.09f), matches[0].Similarity, 5);
        Assert.True(matches[0].Similarity > matches[1].Similarity && matches[1].Similarity > matches[2].Similarity);
    }

    [Fact]
    public void Search_ReturnsEveryVector_WhenFewerThanAskedAreStored()
    {
        var scan = new ExactScan(2);
        scan.Add(1, [1, 0]);
        scan.Add(2, [0, 1]);

        Assert.Equal(2, scan.Search([1, 0], 10).Length);
    }

    [Fact]
    public void Add_RefusesAVectorOfTheWrongLength_NamingBoth()
    {
        var scan = new ExactScan(4);

        var error = Assert.Throws<ArgumentException>(() => scan.Add(1, [1, 0, 0]));

        Assert.Contains("3 dimensions", error.Message);
        Assert.Contains("4", error.Message);
    }
}

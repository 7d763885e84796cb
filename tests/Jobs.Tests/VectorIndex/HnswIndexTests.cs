using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Jobs.Tests.VectorIndex;

public sealed class HnswIndexTests : IDisposable
{
    private const int Dimensions = 64;
    private readonly string _folder = Directory.CreateTempSubdirectory("vl-hnsw-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(IndexQuantization.Float32)]
    [InlineData(IndexQuantization.Float16)]
    [InlineData(IndexQuantization.Int8)]
    public void Search_FindsTheExactTopTen_AmongItsTopForty(IndexQuantization quantization)
    {
        // The last 100 are queries from the same scenes, not stored.
        var vectors = SyntheticVectors.Clustered(4100, Dimensions, clusters: 40, seed: 1);
        var queries = vectors[4000..];
        using var index = new HnswIndex(Dimensions, quantization, threads: 2);
        var exact = new ExactScan(Dimensions);
        for (var i = 0; i < 4000; i++)
        {
            index.Add((ulong)i, vectors[i]);
            exact.Add((ulong)i, vectors[i]);
        }

        // Search over-fetches and re-scores the candidates exactly, so what counts is that the true ten
        // are among the index's forty: recall@10 after re-scoring.
        var found = queries.Sum(q => index.Search(q, 40).Select(m => m.Key).Intersect(exact.Search(q, 10).Select(m => m.Key)).Count());
        var selfFirst = Enumerable.Range(0, 200).Count(i => index.Search(vectors[i * 20], 1)[0].Key == (ulong)(i * 20));

        Assert.Equal(4000, index.Count);
        Assert.True(found >= 0.98 * queries.Length * 10, $"recall@10 {found / (queries.Length * 10.0):F3} with {quantization}");
        Assert.True(selfFirst >= 196, $"a stored vector found itself first {selfFirst} times of 200 with {quantization}");
    }

    [Fact]
    public void Search_GivesTheCosineSimilarity_MostSimilarFirst()
    {
        using var index = new HnswIndex(3, IndexQuantization.Float32, threads: 1);
        index.Add(1, [1, 0, 0]);
        index.Add(2, [0, 1, 0]);
        index.Add(3, SyntheticVectors.Unit([1, 1, 0]));

        var matches = index.Search([1, 0, 0], 3);

        Assert.Equal([1UL, 3UL, 2UL], matches.Select(m => m.Key));
        Assert.Equal(1f, matches[0].Similarity, 5);
        Assert.Equal(1 / MathF.Sqrt(2), matches[1].Similarity, 5);
        Assert.Equal(0f, matches[2].Similarity, 5);
    }

    [Fact]
    public void Add_FromManyThreadsPastTheInitialCapacity_KeepsEveryVector()
    {
        // The package's wrapper fails here ("Reserve capacity ahead of insertions"): capacity must grow
        // while no insertion is inside, and no more callers than thread slots may be inside at once.
        var vectors = SyntheticVectors.Clustered(12000, Dimensions, clusters: 50, seed: 3);
        using var index = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 2);

        Parallel.For(0, vectors.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            index.Add((ulong)i, vectors[i]);
            if (i % 10 == 0)
            {
                index.Search(vectors[i], 5);
            }
        });

        Assert.Equal(vectors.Length, index.Count);
        Assert.All(new[] { 0, 4321, 11999 }, i => Assert.Equal((ulong)i, index.Search(vectors[i], 1)[0].Key));
    }

    [Fact]
    public void Remove_TakesTheKeyOutOfEveryLaterSearch()
    {
        var vectors = SyntheticVectors.Clustered(500, Dimensions, clusters: 5, seed: 4);
        using var index = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 1);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Add((ulong)i, vectors[i]);
        }

        Assert.True(index.Remove(42));
        Assert.False(index.Remove(42));

        Assert.Equal(499, index.Count);
        Assert.DoesNotContain(42UL, index.Search(vectors[42], 50).Select(m => m.Key));
    }

    [Fact]
    public void Add_UnderAKeyAlreadyPresent_ReplacesItsVector()
    {
        using var index = new HnswIndex(3, IndexQuantization.Float32, threads: 1);
        index.Add(1, [1, 0, 0]);
        index.Add(2, [0, 1, 0]);

        index.Add(1, [0, 0, 1]);

        Assert.Equal(2, index.Count);
        Assert.Equal(1UL, index.Search([0, 0, 1], 1)[0].Key);
        Assert.Equal(2UL, index.Search([1, 0, 0], 1)[0].Key);
    }

    [Fact]
    public void Load_GivesTheSavedIndexBack()
    {
        var vectors = SyntheticVectors.Clustered(1000, Dimensions, clusters: 10, seed: 5);
        var path = Path.Combine(_folder, "clips.usearch");
        using (var saved = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 2))
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                saved.Add((ulong)(i + 1000), vectors[i]);
            }
            saved.Save(path);
        }
        using var loaded = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 2);

        loaded.Load(path);
        loaded.Add(5, vectors[0]);

        Assert.Equal(1001, loaded.Count);
        Assert.Equal(1777UL, loaded.Search(vectors[777], 1)[0].Key);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("truncated")]
    public void Load_RefusesAFileThatIsNoIndex_WithAClearError(string kind)
    {
        var path = Path.Combine(_folder, kind + ".usearch");
        if (kind == "text")
        {
            File.WriteAllText(path, "this is not an index\n");
        }
        else
        {
            using var saved = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 1);
            foreach (var (vector, i) in SyntheticVectors.Clustered(300, Dimensions, clusters: 3, seed: 6).Select((v, i) => (v, i)))
            {
                saved.Add((ulong)i, vector);
            }
            saved.Save(path);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }
        using var index = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 1);

        var error = Assert.Throws<VectorIndexException>(() => index.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Search_RefusesAQueryOfTheWrongLength()
    {
        using var index = new HnswIndex(Dimensions, IndexQuantization.Float16, threads: 1);

        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions - 1], 3));
    }
}

namespace VideoLang.Jobs.Tests.VectorIndex;

/// <summary>Seeded unit vectors in clusters (a centre plus noise), so nearest neighbours are meaningful, as clip embeddings of one scene are.</summary>
internal static class SyntheticVectors
{
    public static float[][] Clustered(int count, int dimensions, int clusters, int seed, float noise = 0.35f)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(Gaussian(random, dimensions, 1))).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var centre = centres[i % clusters];
            var jitter = Gaussian(random, dimensions, noise / MathF.Sqrt(dimensions));
            return Unit(centre.Zip(jitter, (c, j) => c + j).ToArray());
        }).ToArray();
    }

    public static float[] Unit(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static float[] Gaussian(Random random, int dimensions, float scale) =>
        Enumerable.Range(0, dimensions).Select(_ =>
        {
            // Box-Muller.
            var u = 1 - random.NextDouble();
            var v = random.NextDouble();
            return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v)) * scale;
        }).ToArray();
}

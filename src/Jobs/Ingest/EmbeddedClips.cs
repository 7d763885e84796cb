namespace VideoLang.Jobs.Ingest;

/// <summary>What the embedder made of a video's clips, copied off the device: per clip its time range, embedding and null statistics; and the video's embedding.</summary>
internal sealed record EmbeddedClips(IReadOnlyList<(int Clip, double StartSeconds, double EndSeconds)> Ranges, float[][] Embeddings, (double Mean, double Std)?[] Null, float[] VideoEmbedding)
{
    /// <summary>The normalised mean of the clips' embeddings (CLIP4Clip's mean pooling).</summary>
    public static float[] MeanOf(float[][] embeddings)
    {
        var mean = new double[embeddings[0].Length];
        foreach (var e in embeddings)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += e[i];
            }
        }
        var norm = Math.Sqrt(mean.Sum(v => v * v));
        return mean.Select(v => (float)(norm > 0 ? v / norm : 0)).ToArray();
    }
}

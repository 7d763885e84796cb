using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// Writes a tenant's library of made-up clip embeddings straight into PostgreSQL (an embedder model
/// row, ready videos, their clips' unit vectors by binary COPY) for the search benchmark and the index
/// tests: clips of one video lie near that video's own direction, as real clips of one scene do, so
/// nearest neighbours and recall mean something.
/// </summary>
public static class SyntheticClipLibrary
{
    /// <summary>Adds <paramref name="videos"/> ready videos of <paramref name="clipsPerVideo"/> clips each; returns the video ids in order.</summary>
    public static async Task<Guid[]> WriteAsync(NpgsqlConnection connection, string tenant, Guid modelId, int videos, int clipsPerVideo, int dimensions, int seed,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        var ids = Enumerable.Range(0, videos).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY videos (id, tenant, sha256, original_name, stored_path, size_bytes, status, embedder_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var id in ids)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(id.ToString("N"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync($"synthetic-{id:N}.mp4", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("/nonexistent", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync("Ready", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(modelId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY clip_embeddings (video_id, model_id, clip, tenant, start_seconds, end_seconds, embedding) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var random = new Random(seed);
            for (var v = 0; v < ids.Length; v++)
            {
                var centre = Direction(random, dimensions);
                for (var c = 0; c < clipsPerVideo; c++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ids[v], NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(modelId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(c, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(c * 10.0, NpgsqlDbType.Double, cancellationToken);
                    await copy.WriteAsync(c * 10.0 + 1, NpgsqlDbType.Double, cancellationToken);
                    await copy.WriteAsync(Near(random, centre), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
                }
                if (v % 1000 == 999)
                {
                    progress?.Report((v + 1) * clipsPerVideo);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }
        return ids;
    }

    /// <summary>A unit vector near <paramref name="centre"/>: a query "about" the video that direction belongs to.</summary>
    public static float[] Near(Random random, float[] centre, float spread = 0.6f)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(centre);
        var noise = Direction(random, centre.Length);
        var vector = new float[centre.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = centre[i] + spread * noise[i];
        }
        return Normalise(vector);
    }

    /// <summary>A uniformly random unit vector.</summary>
    public static float[] Direction(Random random, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(random);
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            // Box-Muller: Gaussian components make the direction uniform on the sphere.
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return Normalise(vector);
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = MathF.Sqrt(ExactScan.Dot(vector, vector));
        Debug.Assert(norm > 0);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang bench search`: one tenant's library of synthetic clip embeddings at each size, written into the
/// real PostgreSQL, then the same queries answered three ways in the same run — the HNSW index (its
/// candidates re-scored exactly from the stored rows, as search does), an exact SIMD scan in process
/// (the physical baseline) and the PostgreSQL scan search used before the index (at sizes up to
/// <see cref="MaxSqlSize"/>; it is linear and slow) — with p50/p95 latency, recall@10 of the index
/// against the exact answer, build time and memory, one JSON line per size.
/// </summary>
internal static class SearchBenchmark
{
    public const int MaxSqlSize = 100_000;
    private const int ClipsPerVideo = 20;
    private const int Candidates = 100;

    /// <summary>Queries timed on the PostgreSQL scan: seconds each at 100k clips, so fewer than the others.</summary>
    private const int SqlQueries = 20;

    public static async Task<SizeResult> RunAsync(VideoLangDbContext db, ClipIndexOptions options, int size, int dimensions, int queries, TextWriter progress, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var tenant = $"bench-search-{Guid.NewGuid():N}";
        var model = Guid.CreateVersion7();
        await ExecuteAsync(connection, $"INSERT INTO models (id, name, path, checksum, kind, active_embedder, active_cross_encoder, created_at) VALUES ('{model}', '{tenant}', '/nonexistent', 'bench', 'ImageText', false, false, now())", cancellationToken);
        try
        {
            var clock = Stopwatch.StartNew();
            await SyntheticClipLibrary.WriteAsync(connection, tenant, model, size / ClipsPerVideo, ClipsPerVideo, dimensions, seed: size,
                new Progress<int>(n => progress.WriteLine($"search bench: wrote {n} of {size} clips")), cancellationToken);
            await ExecuteAsync(connection, "ANALYZE clip_embeddings", cancellationToken);
            var written = clock.Elapsed;
            progress.WriteLine($"search bench: {size} clips written in {written.TotalSeconds:F0} s; building the index");

            using var indexes = new ClipIndexes(options);
            var sync = new ClipIndexSync(new ContextsFor(db.Database.GetConnectionString()!), indexes, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ClipIndexSync>.Instance);
            clock.Restart();
            await sync.SyncAsync(cancellationToken);
            var built = clock.Elapsed;
            var key = new ClipIndexKey(tenant, model);
            progress.WriteLine($"search bench: index of {indexes.Count(key)} clips built in {built.TotalSeconds:F0} s");

            var exact = new ExactScan(dimensions);
            var vectors = await ReadAllAsync(connection, tenant, exact, cancellationToken);
            var random = new Random(size + 1);
            var queryVectors = Enumerable.Range(0, queries).Select(_ => SyntheticClipLibrary.Near(random, vectors[random.Next(vectors.Count)])).ToArray();

            var indexTimes = new List<double>();
            var exactTimes = new List<double>();
            var sqlTimes = new List<double>();
            var found = 0;
            for (var q = 0; q < queryVectors.Length; q++)
            {
                var query = queryVectors[q];
                clock.Restart();
                var candidates = indexes.Candidates(key, query, Candidates) ?? throw new InvalidOperationException("The index did not answer.");
                var rescored = await RescoreAsync(connection, tenant, model, query, candidates, cancellationToken);
                indexTimes.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                var truth = exact.Search(query, 10);
                exactTimes.Add(clock.Elapsed.TotalMilliseconds);
                found += rescored.Take(10).Intersect(truth.Select(t => (long)t.Key)).Count();

                if (size <= MaxSqlSize && q < SqlQueries)
                {
                    clock.Restart();
                    await SqlScanAsync(connection, tenant, model, query, cancellationToken);
                    sqlTimes.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            var result = new SizeResult(size, dimensions, queries, options.Quantization.ToString(), Math.Round(written.TotalSeconds, 1), Math.Round(built.TotalSeconds, 1),
                Math.Round(indexes.MemoryBytes(key) / 1e6, 1), Math.Round(found / (queries * 10.0), 4),
                Latency.Of(indexTimes), Latency.Of(exactTimes), sqlTimes.Count > 0 ? Latency.Of(sqlTimes) : null,
                Math.Round(Latency.Of(exactTimes).P50 / Latency.Of(indexTimes).P50, 2),
                sqlTimes.Count > 0 ? Math.Round(Latency.Of(sqlTimes).P50 / Latency.Of(indexTimes).P50, 2) : null);
            return result;
        }
        finally
        {
            // The bench's rows go; the library's are never touched (another tenant, another model).
            await ExecuteAsync(connection, $"DELETE FROM videos WHERE tenant = '{tenant}'; DELETE FROM models WHERE id = '{model}'", cancellationToken);
        }
    }

    private static async Task<List<float[]>> ReadAllAsync(NpgsqlConnection connection, string tenant, ExactScan exact, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>();
        await using var command = new NpgsqlCommand("SELECT id, embedding FROM clip_embeddings WHERE tenant = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var vector = reader.GetFieldValue<float[]>(1);
            exact.Add((ulong)reader.GetInt64(0), vector);
            vectors.Add(vector);
        }
        return vectors;
    }

    /// <summary>The index's candidates scored exactly from their stored rows, best first (what search does with them).</summary>
    private static async Task<long[]> RescoreAsync(NpgsqlConnection connection, string tenant, Guid model, float[] query, long[] candidates, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.id FROM clip_embeddings c
            CROSS JOIN LATERAL (SELECT sum(e::float8 * q::float8) AS cosine FROM unnest(c.embedding, $4) AS t(e, q)) s
            WHERE c.id = ANY($1) AND c.tenant = $2 AND c.model_id = $3
            ORDER BY s.cosine DESC
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = candidates });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = query });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

    /// <summary>Search's stage one before the index: every clip of the tenant dotted with the query in PostgreSQL.</summary>
    private static async Task SqlScanAsync(NpgsqlConnection connection, string tenant, Guid model, float[] query, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.id FROM clip_embeddings c
            CROSS JOIN LATERAL (SELECT sum(e::float8 * q::float8) AS cosine FROM unnest(c.embedding, $3) AS t(e, q)) s
            WHERE c.tenant = $1 AND c.model_id = $2
            ORDER BY s.cosine DESC LIMIT 100
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = query });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal sealed record SizeResult(int Clips, int Dimensions, int Queries, string Quantization, double WriteSeconds, double BuildSeconds, double IndexMegabytes,
        double RecallAt10, Latency Index, Latency ExactScan, Latency? Sql, double ExactVsIndex, double? SqlVsIndex);

    internal sealed record Latency(double P50, double P95)
    {
        public static Latency Of(List<double> milliseconds)
        {
            var sorted = milliseconds.Order().ToArray();
            return new Latency(Math.Round(sorted[sorted.Length / 2], 3), Math.Round(sorted[(int)(sorted.Length * 0.95)], 3));
        }
    }

    /// <summary>Contexts on the benchmark's database, for the index's sync.</summary>
    private sealed class ContextsFor(string connectionString) : IDbContextFactory<VideoLangDbContext>
    {
        public VideoLangDbContext CreateDbContext() => new(VideoLangDbContext.OptionsFor(connectionString));
    }
}

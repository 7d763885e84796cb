using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Jobs.Tests.VectorIndex;

/// <summary>The index against the real PostgreSQL: it follows inserts, deletes and re-ingests, never crosses tenants, and survives a restart through its saved files.</summary>
public sealed class ClipIndexSyncTests : JobsDatabase
{
    private const int Dimensions = 32;

    [Fact]
    public async Task SyncAsync_IndexesEveryRow_AndCandidatesFindTheVideosOwnClips()
    {
        var model = await ModelAsync();
        var videos = await WriteAsync("acme", model, videos: 60, seed: 1);
        var (indexes, sync) = Start();

        Assert.Null(indexes.Candidates(new("acme", model), new float[Dimensions], 5));
        await sync.SyncAsync();

        Assert.True(indexes.Ready);
        Assert.Equal(240, indexes.Count(new("acme", model)));
        // A query near one video's clips: the index proposes that video's four clips first.
        var clips = await ClipIdsAsync(videos[17]);
        var query = await EmbeddingAsync(clips[0]);
        Assert.Equal(clips.Order(), indexes.Candidates(new("acme", model), query, 4)!.Order());
    }

    [Fact]
    public async Task SyncAsync_FollowsDeletesAndReingests()
    {
        var model = await ModelAsync();
        var videos = await WriteAsync("acme", model, videos: 30, seed: 2);
        var (indexes, sync) = Start();
        await sync.SyncAsync();
        var deleted = await ClipIdsAsync(videos[0]);
        var reingested = await ClipIdsAsync(videos[1]);
        var vector = await EmbeddingAsync(reingested[2]);

        await ExecuteAsync($"DELETE FROM videos WHERE id = '{videos[0]}'");
        // A re-ingest replaces a video's rows with new ones (new ids), the same count as before.
        await ExecuteAsync($"""
            INSERT INTO clip_embeddings (video_id, model_id, clip, tenant, start_seconds, end_seconds, embedding)
            SELECT video_id, model_id, clip + 100, tenant, start_seconds, end_seconds, embedding FROM clip_embeddings WHERE video_id = '{videos[1]}';
            DELETE FROM clip_embeddings WHERE video_id = '{videos[1]}' AND clip < 100;
            """);
        await sync.SyncAsync();

        var now = await ClipIdsAsync(videos[1]);
        Assert.Equal(116, indexes.Count(new("acme", model)));
        var found = indexes.Candidates(new("acme", model), vector, 10)!;
        Assert.Empty(found.Intersect(deleted.Concat(reingested)));
        Assert.Contains(found, now.Contains);
    }

    [Fact]
    public async Task SyncAsync_PicksUpARowWhoseTransactionCommittedAfterHigherIds()
    {
        var model = await ModelAsync();
        var videos = await WriteAsync("acme", model, videos: 2, seed: 3);
        var (indexes, sync) = Start();
        await using var slow = new NpgsqlConnection(ConnectionString);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        // Takes the next id now, commits later: the watermark passes it before it is visible.
        await using (var insert = new NpgsqlCommand($"INSERT INTO clip_embeddings (video_id, model_id, clip, tenant, start_seconds, end_seconds, embedding) SELECT video_id, model_id, 50, tenant, 0, 1, embedding FROM clip_embeddings WHERE video_id = '{videos[0]}' AND clip = 0", slow, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }
        await ExecuteAsync($"INSERT INTO clip_embeddings (video_id, model_id, clip, tenant, start_seconds, end_seconds, embedding) SELECT video_id, model_id, 51, tenant, 0, 1, embedding FROM clip_embeddings WHERE video_id = '{videos[1]}' AND clip = 0");
        await sync.SyncAsync();
        Assert.Equal(9, indexes.Count(new("acme", model)));

        await transaction.CommitAsync();
        await sync.SyncAsync();

        Assert.Equal(10, indexes.Count(new("acme", model)));
    }

    [Fact]
    public async Task Candidates_NeverReturnAnotherTenantsClips_EvenForTheSameVectors()
    {
        var model = await ModelAsync();
        await WriteAsync("acme", model, videos: 20, seed: 4);
        await WriteAsync("globex", model, videos: 20, seed: 4);
        var (indexes, sync) = Start();
        await sync.SyncAsync();
        var acme = await TenantClipIdsAsync("acme");

        foreach (var id in (await TenantClipIdsAsync("globex")).Take(20))
        {
            var found = indexes.Candidates(new("acme", model), await EmbeddingAsync(id), 20)!;
            Assert.Equal(20, found.Length);
            Assert.All(found, f => Assert.Contains(f, acme));
        }
    }

    [Fact]
    public async Task ARestart_LoadsTheSavedIndex_AndDiscardsOneThatCannotBeTrusted()
    {
        var model = await ModelAsync();
        await WriteAsync("acme", model, videos: 25, seed: 5);
        var folder = Path.Combine(Scratch, "index");
        var (first, firstSync) = Start(folder);
        await firstSync.StartAsync(CancellationToken.None);
        await WaitForAsync(() => first.Ready);
        await firstSync.StopAsync(CancellationToken.None);
        var saved = Directory.GetFiles(folder, "*.usearch").Single();
        await ExecuteAsync("DELETE FROM clip_embeddings WHERE clip = 3");

        var (second, secondSync) = Start(folder);
        await secondSync.SyncAsync();
        Assert.Equal(75, second.Count(new("acme", model)));

        File.WriteAllText(saved, "not an index");
        var (third, thirdSync) = Start(folder);
        await thirdSync.StartAsync(CancellationToken.None);
        await WaitForAsync(() => third.Ready);
        await thirdSync.StopAsync(CancellationToken.None);
        Assert.Equal(75, third.Count(new("acme", model)));
    }

    [Fact]
    public async Task ClipScan_ScoresTheIndexsCandidates_AsTheExactScanScoresThem()
    {
        var model = await ModelAsync();
        var videos = await WriteAsync("acme", model, videos: 80, seed: 6);
        var (indexes, sync) = Start();
        var (cold, _) = Start();
        await sync.SyncAsync();
        var query = await EmbeddingAsync((await ClipIdsAsync(videos[33]))[1]);
        await using var db = new VideoLangDbContext(VideoLangDbContext.OptionsFor(ConnectionString));

        var viaIndex = await ClipScan.RunAsync(db, indexes, "acme", model, query, againstNull: false, CancellationToken.None);
        var exact = await ClipScan.RunAsync(db, cold, "acme", model, query, againstNull: false, CancellationToken.None);

        Assert.Equal(StageOne.Index, viaIndex.Stage);
        Assert.Equal(StageOne.ExactScan, exact.Stage);
        Assert.Equal(320, exact.Clips.Length);
        Assert.Equal(exact.Clips.Take(10).Select(c => (c.VideoId, c.Clip, c.Cosine)), viaIndex.Clips.Take(10).Select(c => (c.VideoId, c.Clip, c.Cosine)));
        Assert.All(viaIndex.Clips.Take(4), c => Assert.Equal(videos[33], c.VideoId));
    }

    private (ClipIndexes Indexes, ClipIndexSync Sync) Start(string? folder = null)
    {
        var indexes = new ClipIndexes(new ClipIndexOptions { MinClips = 0, Threads = 2, Directory = folder });
        var contexts = new TestContexts(ConnectionString);
        return (indexes, new ClipIndexSync(contexts, indexes, TimeProvider.System, NullLogger<ClipIndexSync>.Instance));
    }

    private async Task<Guid> ModelAsync()
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync($"INSERT INTO models (id, name, path, checksum, kind, active_embedder, active_cross_encoder, created_at) VALUES ('{id}', 'm-{id:N}', '/nonexistent', 'x', 'ImageText', false, false, now())");
        return id;
    }

    private async Task<Guid[]> WriteAsync(string tenant, Guid model, int videos, int seed)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await SyntheticClipLibrary.WriteAsync(connection, tenant, model, videos, clipsPerVideo: 4, Dimensions, seed);
    }

    private async Task<long[]> ClipIdsAsync(Guid video) => await LongsAsync($"SELECT id FROM clip_embeddings WHERE video_id = '{video}' ORDER BY clip");

    private async Task<long[]> TenantClipIdsAsync(string tenant) => await LongsAsync($"SELECT id FROM clip_embeddings WHERE tenant = '{tenant}' ORDER BY id");

    private async Task<long[]> LongsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }
        return [.. values];
    }

    private async Task<float[]> EmbeddingAsync(long id)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT embedding FROM clip_embeddings WHERE id = {id}", connection);
        return (float[])(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        // A bound on a wait for work, not a timing assertion: the loop's first round reads a few hundred rows.
        for (var i = 0; i < 600 && !done(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(done(), "the index never caught up with the database");
    }

    private sealed class TestContexts(string connectionString) : Microsoft.EntityFrameworkCore.IDbContextFactory<VideoLangDbContext>
    {
        public VideoLangDbContext CreateDbContext() => new(VideoLangDbContext.OptionsFor(connectionString));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// Keeps <see cref="ClipIndexes"/> in step with the <c>clip_embeddings</c> table. Each round reads rows
/// above the highest id seen (new clips), then compares each partition's count with the database's and,
/// where they differ (rows deleted or re-ingested, or a transaction that committed after higher ids were
/// read), diffs the ids and adds and removes what differs; every few minutes it diffs every partition
/// whatever the counts say. On start it loads the saved index files (<see cref="ClipIndexFiles"/>) and
/// catches up from their watermark; a file that cannot be trusted is deleted and rebuilt from the rows.
/// </summary>
public sealed class ClipIndexSync(IDbContextFactory<VideoLangDbContext> contexts, ClipIndexes indexes, TimeProvider time, ILogger<ClipIndexSync> logger) : BackgroundService
{
    private const int BatchSize = 5_000;
    private static readonly TimeSpan FullReconcileInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(5);

    private long _watermark;
    private DateTimeOffset _lastFull = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSave;
    private bool _changedSinceSave;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = indexes.Options;
        if (!options.Enabled)
        {
            return;
        }
        _lastSave = time.GetUtcNow();
        LoadSaved();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away or a row the index refused: log and try again next round; search scans meanwhile if never ready.
                Log.ClipIndexSyncFailed(logger, e.Message, e);
            }
            try
            {
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        SaveAll();
    }

    /// <summary>One round: new rows, then the partitions whose count disagrees (all of them every few minutes). Marks the indexes ready after the first.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var added = await CatchUpAsync(connection, cancellationToken);
        var now = time.GetUtcNow();
        var full = now - _lastFull >= FullReconcileInterval;
        var reconciled = await ReconcileAsync(connection, full, cancellationToken);
        if (full)
        {
            _lastFull = now;
        }
        if (added + reconciled > 0)
        {
            _changedSinceSave = true;
            Log.ClipIndexSynced(logger, added, reconciled, _watermark);
        }
        indexes.MarkReady();
        if (_changedSinceSave && now - _lastSave >= SaveInterval)
        {
            SaveAll();
        }
    }

    private async Task<int> CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var added = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT id, tenant, model_id, embedding FROM clip_embeddings WHERE id > $1 ORDER BY id LIMIT $2", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = _watermark });
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    var id = reader.GetInt64(0);
                    var key = new ClipIndexKey(reader.GetString(1), reader.GetGuid(2));
                    var embedding = reader.GetFieldValue<float[]>(3);
                    var partition = indexes.GetOrCreate(key, embedding.Length);
                    if (embedding.Length == partition.Dimensions && !partition.Contains(id))
                    {
                        partition.Add(id, embedding);
                        added++;
                    }
                    _watermark = Math.Max(_watermark, id);
                }
            }
            if (rows < BatchSize)
            {
                return added;
            }
        }
    }

    private async Task<int> ReconcileAsync(NpgsqlConnection connection, bool all, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<ClipIndexKey, long>();
        await using (var command = new NpgsqlCommand("SELECT tenant, model_id, count(*) FROM clip_embeddings GROUP BY tenant, model_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[new ClipIndexKey(reader.GetString(0), reader.GetGuid(1))] = reader.GetInt64(2);
            }
        }
        var changed = 0;
        foreach (var key in indexes.Keys.ToArray())
        {
            if (!counts.ContainsKey(key))
            {
                // Every clip of this tenant and model is gone (videos deleted, model removed).
                changed += (int)indexes.Count(key);
                indexes.Drop(key);
            }
        }
        foreach (var (key, count) in counts)
        {
            if (indexes.TryGet(key, out var partition) && (all || partition.Count != count))
            {
                changed += await DiffAsync(connection, key, partition, cancellationToken);
            }
        }
        return changed;
    }

    /// <summary>Removes ids the database no longer has and adds rows the index missed.</summary>
    private static async Task<int> DiffAsync(NpgsqlConnection connection, ClipIndexKey key, ClipIndexPartition partition, CancellationToken cancellationToken)
    {
        var stored = new HashSet<long>();
        await using (var command = new NpgsqlCommand("SELECT id FROM clip_embeddings WHERE tenant = $1 AND model_id = $2", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = key.Tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = key.ModelId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(reader.GetInt64(0));
            }
        }
        var held = partition.Snapshot();
        var gone = held.Where(id => !stored.Contains(id)).ToArray();
        foreach (var id in gone)
        {
            partition.Remove(id);
        }
        stored.ExceptWith(held);
        var missing = stored.ToArray();
        await using (var command = new NpgsqlCommand("SELECT id, embedding FROM clip_embeddings WHERE id = ANY($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = missing });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var embedding = reader.GetFieldValue<float[]>(1);
                if (embedding.Length == partition.Dimensions)
                {
                    partition.Add(reader.GetInt64(0), embedding);
                }
            }
        }
        return gone.Length + missing.Length;
    }

    private void LoadSaved()
    {
        var folder = indexes.Options.Directory;
        if (folder is null || !System.IO.Directory.Exists(folder))
        {
            return;
        }
        long? watermark = null;
        foreach (var saved in ClipIndexFiles.List(folder))
        {
            try
            {
                var partition = ClipIndexFiles.Load(saved, indexes);
                indexes.Replace(saved.Key, partition);
                watermark = Math.Min(watermark ?? long.MaxValue, saved.Watermark);
                Log.ClipIndexLoaded(logger, saved.Key.Tenant, saved.Key.ModelId, partition.Count, saved.Watermark);
            }
            catch (Exception e) when (e is VectorIndexException or IOException or InvalidDataException)
            {
                Log.ClipIndexFileDiscarded(logger, saved.IndexPath, e.Message);
                ClipIndexFiles.Delete(saved);
            }
        }
        // Rows above the oldest saved watermark are read again; those already held are skipped.
        _watermark = watermark ?? 0;
    }

    private void SaveAll()
    {
        var folder = indexes.Options.Directory;
        if (folder is null || !_changedSinceSave)
        {
            return;
        }
        foreach (var key in indexes.Keys.ToArray())
        {
            if (indexes.TryGet(key, out var partition))
            {
                try
                {
                    ClipIndexFiles.Save(folder, key, partition, _watermark);
                }
                catch (Exception e) when (e is VectorIndexException or IOException or ObjectDisposedException)
                {
                    Log.ClipIndexSaveFailed(logger, folder, e.Message);
                }
            }
        }
        _changedSinceSave = false;
        _lastSave = time.GetUtcNow();
    }
}

using System.Collections.Concurrent;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// This process's HNSW indexes over clip embeddings, one per tenant and embedder, kept in step with
/// PostgreSQL (the source of truth) by <see cref="ClipIndexSync"/>. Keys are the rows'
/// <c>clip_embeddings.id</c>. The index only proposes candidates: search re-reads and re-scores them
/// from the database, so a row deleted a moment ago is never returned even before the index hears of it.
/// </summary>
public sealed class ClipIndexes(ClipIndexOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<ClipIndexKey, ClipIndexPartition> _indexes = new();
    private volatile bool _ready;

    /// <summary>True once the first catch-up with the database has finished; before that, search scans.</summary>
    public bool Ready => _ready;

    public ClipIndexOptions Options => options;

    /// <summary>
    /// Up to <paramref name="count"/> candidate row ids nearest to <paramref name="query"/> among the
    /// tenant's clips of the model; null when the index cannot answer (not ready, disabled, or too few
    /// clips to be worth it) and the caller should scan exactly.
    /// </summary>
    public long[]? Candidates(ClipIndexKey key, ReadOnlySpan<float> query, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!options.Enabled || !_ready || !_indexes.TryGetValue(key, out var partition) || partition.Count < options.MinClips || partition.Dimensions != query.Length)
        {
            return null;
        }
        try
        {
            return partition.Index.Search(query, count).Select(m => (long)m.Key).ToArray();
        }
        catch (ObjectDisposedException)
        {
            // Replaced by a rebuild between the lookup and the search: this one query scans instead.
            return null;
        }
    }

    /// <summary>Vectors held for <paramref name="key"/> (0 when none).</summary>
    public long Count(ClipIndexKey key) => _indexes.TryGetValue(key, out var partition) ? partition.Count : 0;

    /// <summary>Bytes the native index for <paramref name="key"/> holds (0 when none).</summary>
    public long MemoryBytes(ClipIndexKey key) => _indexes.TryGetValue(key, out var partition) ? partition.Index.MemoryBytes : 0;

    internal IReadOnlyCollection<ClipIndexKey> Keys => (IReadOnlyCollection<ClipIndexKey>)_indexes.Keys;

    internal ClipIndexPartition GetOrCreate(ClipIndexKey key, int dimensions) =>
        _indexes.GetOrAdd(key, _ => new ClipIndexPartition(New(dimensions), []));

    internal HnswIndex New(int dimensions) =>
        new(dimensions, options.Quantization, options.Threads, options.Connectivity, options.ExpansionAdd, options.ExpansionSearch);

    internal bool TryGet(ClipIndexKey key, out ClipIndexPartition partition) => _indexes.TryGetValue(key, out partition!);

    /// <summary>Puts <paramref name="index"/> in place of the one held for <paramref name="key"/> (a rebuild), freeing the old.</summary>
    internal void Replace(ClipIndexKey key, ClipIndexPartition index)
    {
        ClipIndexPartition? old = null;
        _indexes.AddOrUpdate(key, index, (_, previous) =>
        {
            old = previous;
            return index;
        });
        // REVIEW: a search that took the old index a moment ago may still be inside it; HnswIndex.Dispose
        // waits for its calls to leave (write lock), so freeing here is safe, only briefly blocking.
        old?.Dispose();
    }

    internal void Drop(ClipIndexKey key)
    {
        if (_indexes.TryRemove(key, out var partition))
        {
            partition.Dispose();
        }
    }

    internal void MarkReady() => _ready = true;

    public void Dispose()
    {
        foreach (var partition in _indexes.Values)
        {
            partition.Dispose();
        }
        _indexes.Clear();
    }
}

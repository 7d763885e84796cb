namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// One tenant's clips of one embedder: the HNSW index and the set of row ids it holds. The ids are kept
/// beside the index because USearch cannot list its keys, and reconciling with the database (rows
/// deleted, rows whose transaction committed after later ids were read) needs them.
/// </summary>
internal sealed class ClipIndexPartition(HnswIndex index, HashSet<long> keys) : IDisposable
{
    private readonly Lock _keysLock = new();

    public HnswIndex Index { get; } = index;

    public int Dimensions => Index.Dimensions;

    public int Count
    {
        get
        {
            lock (_keysLock)
            {
                return keys.Count;
            }
        }
    }

    public bool Contains(long id)
    {
        lock (_keysLock)
        {
            return keys.Contains(id);
        }
    }

    public long[] Snapshot()
    {
        lock (_keysLock)
        {
            return [.. keys];
        }
    }

    public void Add(long id, ReadOnlySpan<float> vector)
    {
        Index.Add((ulong)id, vector);
        lock (_keysLock)
        {
            keys.Add(id);
        }
    }

    public void Remove(long id)
    {
        Index.Remove((ulong)id);
        lock (_keysLock)
        {
            keys.Remove(id);
        }
    }

    public void Dispose() => Index.Dispose();
}

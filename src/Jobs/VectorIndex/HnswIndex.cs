using System.Diagnostics;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// An in-process HNSW index of unit vectors (cosine similarity), held by USearch's native library.
/// Safe to use from many threads: USearch keeps one search context per thread slot and asserts when
/// more callers arrive than it has slots, so calls wait here for a slot, and growing the capacity
/// (which reallocates) waits until no call is inside. Capacity is reserved ahead of insertions in
/// doubling steps, the thing the package's own wrapper does not do.
/// </summary>
public sealed class HnswIndex : IDisposable
{
    private const int MinimumCapacity = 1024;

    private readonly nint _index;
    private readonly SemaphoreSlim _slots;
    private readonly ReaderWriterLockSlim _growth = new();
    private readonly int _threads;
    private long _capacity;
    private bool _disposed;

    /// <param name="dimensions">Vector length.</param>
    /// <param name="quantization">Storage per dimension inside the index.</param>
    /// <param name="threads">Concurrent calls served at once (USearch thread slots); more wait.</param>
    /// <param name="connectivity">HNSW edges per node (M); 0 keeps USearch's default (16).</param>
    /// <param name="expansionAdd">Candidates considered while inserting (efConstruction); 0 keeps USearch's default (128).</param>
    /// <param name="expansionSearch">Candidates considered while searching (ef); 0 keeps USearch's default (64).</param>
    public HnswIndex(int dimensions, IndexQuantization quantization, int threads, int connectivity = 0, int expansionAdd = 0, int expansionSearch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(connectivity);
        ArgumentOutOfRangeException.ThrowIfNegative(expansionAdd);
        ArgumentOutOfRangeException.ThrowIfNegative(expansionSearch);
        Dimensions = dimensions;
        Quantization = quantization;
        _threads = threads;
        _slots = new SemaphoreSlim(threads, threads);
        var options = new USearchNative.InitOptions
        {
            MetricKind = USearchNative.MetricCos,
            Quantization = quantization switch
            {
                IndexQuantization.Float32 => USearchNative.ScalarF32,
                IndexQuantization.Float16 => USearchNative.ScalarF16,
                IndexQuantization.Int8 => USearchNative.ScalarI8,
                _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "Pick Float32, Float16 or Int8."),
            },
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = (nuint)expansionSearch,
        };
        nint error = 0;
        _index = USearchNative.Init(ref options, ref error);
        USearchNative.Check(error, "create an index");
        Grow(MinimumCapacity);
    }

    public int Dimensions { get; }

    public IndexQuantization Quantization { get; }

    /// <summary>Vectors in the index.</summary>
    public long Count => Locked((ref nint error) => (long)USearchNative.Size(_index, ref error), "count its vectors");

    /// <summary>Bytes the native index holds (graph and vectors).</summary>
    public long MemoryBytes => Locked((ref nint error) => (long)USearchNative.MemoryUsage(_index, ref error), "measure its memory");

    /// <summary>Makes room for <paramref name="capacity"/> vectors in one step, before a bulk load.</summary>
    public void Reserve(long capacity)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (capacity > Interlocked.Read(ref _capacity))
        {
            Grow(capacity);
        }
    }

    /// <summary>Adds a unit vector under <paramref name="key"/>; a key already present is replaced.</summary>
    public void Add(ulong key, ReadOnlySpan<float> vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions; this index holds {Dimensions}.", nameof(vector));
        }
        while (true)
        {
            _growth.EnterReadLock();
            _slots.Wait();
            try
            {
                // Checked inside a slot: at most as many insertions as slots are past this point at
                // once, so room for that many more is room enough.
                nint error = 0;
                if ((long)USearchNative.Size(_index, ref error) + _threads < Interlocked.Read(ref _capacity))
                {
                    // USearch keeps one vector per key in a non-multi index: replacing means removing first.
                    USearchNative.Remove(_index, key, ref error);
                    USearchNative.Check(error, $"replace the vector of key {key}");
                    unsafe
                    {
                        fixed (float* pointer = vector)
                        {
                            USearchNative.Add(_index, key, pointer, USearchNative.ScalarF32, ref error);
                            USearchNative.Check(error, $"add the vector of key {key}");
                        }
                    }
                    return;
                }
            }
            finally
            {
                _slots.Release();
                _growth.ExitReadLock();
            }
            Grow(Interlocked.Read(ref _capacity) * 2);
        }
    }

    /// <summary>Removes <paramref name="key"/>; true if it was there.</summary>
    public bool Remove(ulong key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Locked((ref nint error) => USearchNative.Remove(_index, key, ref error) > 0, $"remove key {key}");
    }

    /// <summary>The <paramref name="count"/> nearest vectors to <paramref name="query"/>, most similar first.</summary>
    public IndexMatch[] Search(ReadOnlySpan<float> query, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; this index holds {Dimensions}.", nameof(query));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var keys = new ulong[count];
        var distances = new float[count];
        nuint found;
        _growth.EnterReadLock();
        _slots.Wait();
        try
        {
            unsafe
            {
                fixed (float* q = query)
                fixed (ulong* k = keys)
                fixed (float* d = distances)
                {
                    nint error = 0;
                    found = USearchNative.Search(_index, q, USearchNative.ScalarF32, (nuint)count, k, d, ref error);
                    USearchNative.Check(error, "search");
                }
            }
        }
        finally
        {
            _slots.Release();
            _growth.ExitReadLock();
        }
        var matches = new IndexMatch[(int)found];
        for (var i = 0; i < matches.Length; i++)
        {
            // USearch's cosine metric is a distance, 1 - cos.
            matches[i] = new IndexMatch(keys[i], 1 - distances[i]);
        }
        return matches;
    }

    /// <summary>Writes the index to <paramref name="path"/> (USearch's own format).</summary>
    public void Save(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _growth.EnterWriteLock();
        try
        {
            nint error = 0;
            USearchNative.Save(_index, path, ref error);
            USearchNative.Check(error, $"save the index to {path}");
        }
        finally
        {
            _growth.ExitWriteLock();
        }
    }

    /// <summary>Replaces this index's contents with the file at <paramref name="path"/>, written by <see cref="Save"/> with the same dimensions and quantization.</summary>
    public void Load(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no saved index at {path}.", path);
        }
        _growth.EnterWriteLock();
        try
        {
            nint error = 0;
            USearchNative.Load(_index, path, ref error);
            USearchNative.Check(error, $"load the index from {path}");
            // Loading resets the thread slots and capacity to the file's; reserve again for our callers.
            var size = (long)USearchNative.Size(_index, ref error);
            ReserveLocked(Math.Max(MinimumCapacity, size * 2));
        }
        finally
        {
            _growth.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _growth.EnterWriteLock();
        try
        {
            nint error = 0;
            USearchNative.Free(_index, ref error);
        }
        finally
        {
            _growth.ExitWriteLock();
        }
        _growth.Dispose();
        _slots.Dispose();
    }

    private void Grow(long capacity)
    {
        _growth.EnterWriteLock();
        try
        {
            if (capacity > _capacity)
            {
                ReserveLocked(capacity);
            }
        }
        finally
        {
            _growth.ExitWriteLock();
        }
    }

    private void ReserveLocked(long capacity)
    {
        Debug.Assert(_growth.IsWriteLockHeld);
        nint error = 0;
        USearchNative.Reserve(_index, (nuint)capacity, ref error);
        USearchNative.Check(error, $"reserve room for {capacity} vectors");
        USearchNative.ChangeThreadsAdd(_index, (nuint)_threads, ref error);
        USearchNative.Check(error, $"prepare {_threads} insertion threads");
        USearchNative.ChangeThreadsSearch(_index, (nuint)_threads, ref error);
        USearchNative.Check(error, $"prepare {_threads} search threads");
        Interlocked.Exchange(ref _capacity, capacity);
    }

    private delegate T NativeCall<T>(ref nint error);

    /// <summary>A call that needs no thread slot (USearch guards it with its own mutex), kept out of a capacity change.</summary>
    private T Locked<T>(NativeCall<T> call, string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _growth.EnterReadLock();
        try
        {
            nint error = 0;
            var result = call(ref error);
            USearchNative.Check(error, operation);
            return result;
        }
        finally
        {
            _growth.ExitReadLock();
        }
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// Exact nearest neighbours by one SIMD dot product per stored unit vector: the physical baseline the
/// index is measured against, the answer when an index is not ready, and the re-scoring of the index's
/// candidates. Vectors are kept contiguous, row after row.
/// </summary>
public sealed class ExactScan
{
    private readonly List<ulong> _keys = [];
    private float[] _vectors = [];

    public ExactScan(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int Count => _keys.Count;

    public void Add(ulong key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions; this scan holds {Dimensions}.", nameof(vector));
        }
        var offset = _keys.Count * Dimensions;
        if (offset + Dimensions > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(Dimensions * 1024, _vectors.Length * 2));
        }
        vector.CopyTo(_vectors.AsSpan(offset, Dimensions));
        _keys.Add(key);
    }

    /// <summary>The <paramref name="count"/> most similar stored vectors to <paramref name="query"/>, most similar first.</summary>
    public IndexMatch[] Search(ReadOnlySpan<float> query, int count)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; this scan holds {Dimensions}.", nameof(query));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // A min-heap of the best so far: its root is the one the next better vector replaces.
        var best = new PriorityQueue<ulong, float>(count + 1);
        var keys = CollectionsMarshal.AsSpan(_keys);
        for (var i = 0; i < keys.Length; i++)
        {
            var similarity = Dot(query, _vectors.AsSpan(i * Dimensions, Dimensions));
            if (best.Count < count)
            {
                best.Enqueue(keys[i], similarity);
            }
            else if (best.TryPeek(out _, out var worst) && similarity > worst)
            {
                best.DequeueEnqueue(keys[i], similarity);
            }
        }
        var matches = new IndexMatch[best.Count];
        for (var i = matches.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var key, out var similarity);
            matches[i] = new IndexMatch(key, similarity);
        }
        return matches;
    }

    /// <summary>The dot product of two equal-length vectors, a SIMD register at a time.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }
        return total;
    }
}

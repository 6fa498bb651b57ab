using System.Numerics.Tensors;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The vectors of one collection in one contiguous array, searched exactly with SIMD dot products
/// (vectors are unit length, so the dot product is the cosine).
/// </summary>
internal sealed class DenseVectorSet(int dimensions) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, int> _slotByRow = [];
    private float[] _vectors = new float[dimensions * 1024];
    private long[] _rows = new long[1024];
    private int _count;

    public int Dimensions => dimensions;

    public int Count => _count;

    public void Upsert(long row, ReadOnlySpan<float> vector)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions; the collection has {dimensions}.", nameof(vector));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_slotByRow.TryGetValue(row, out var slot))
            {
                EnsureCapacity(_count + 1);
                slot = _count++;
                _slotByRow[row] = slot;
                _rows[slot] = row;
            }

            vector.CopyTo(_vectors.AsSpan(slot * dimensions, dimensions));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(long row)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slotByRow.Remove(row, out var slot))
            {
                return;
            }

            // The last vector moves into the hole so the array stays dense.
            var last = --_count;
            if (slot != last)
            {
                _vectors.AsSpan(last * dimensions, dimensions).CopyTo(_vectors.AsSpan(slot * dimensions, dimensions));
                _rows[slot] = _rows[last];
                _slotByRow[_rows[slot]] = slot;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<(long Row, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions; the collection has {dimensions}.", nameof(query));
        }

        var best = new PriorityQueue<long, float>(k + 1);
        _lock.EnterReadLock();
        try
        {
            for (var slot = 0; slot < _count; slot++)
            {
                var score = TensorPrimitives.Dot(query, _vectors.AsSpan(slot * dimensions, dimensions));
                if (best.Count < k)
                {
                    best.Enqueue(_rows[slot], score);
                }
                else if (best.TryPeek(out _, out var worst) && score > worst)
                {
                    best.DequeueEnqueue(_rows[slot], score);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var results = new (long Row, float Score)[best.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var score);
            results[i] = (row, score);
        }

        return results;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _rows.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, _rows.Length * 2);
        Array.Resize(ref _rows, capacity);
        Array.Resize(ref _vectors, capacity * dimensions);
    }

    public void Dispose() => _lock.Dispose();
}

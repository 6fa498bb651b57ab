using System.Numerics.Tensors;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The vectors of one collection in one contiguous array (vectors are unit length, so the dot product is the cosine),
/// with an int8 copy (<see cref="ScalarQuantizer"/>) that a search scans first: the best
/// <see cref="RescoreFactor"/> × k candidates by the int8 score are then re-scored exactly with the float vectors, so the
/// result is the exact top k unless the int8 error pushes a true hit below that candidate list, which it hardly ever does.
/// Large sets are scanned in one partition per core.
/// </summary>
internal sealed class DenseVectorSet(int dimensions, int capacity = DenseVectorSet.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 1024;

    /// <summary>How many int8 candidates a search re-scores exactly per requested hit.</summary>
    public const int RescoreFactor = 10;

    // Below this many vectors per partition a scan is cheaper than handing work to another thread.
    private const int MinPartition = 32_768;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, int> _slotByRow = new(Math.Max(capacity, 1));
    private float[] _vectors = new float[dimensions * Math.Max(capacity, 1)];
    private sbyte[] _codes = new sbyte[dimensions * Math.Max(capacity, 1)];
    private float[] _scales = new float[Math.Max(capacity, 1)];
    private long[] _rows = new long[Math.Max(capacity, 1)];
    private int _count;

    public int Dimensions => dimensions;

    public int Count => _count;

    public void Upsert(long row, ReadOnlySpan<float> vector)
    {
        ThrowIfWrongLength(vector.Length, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            Put(row, vector);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// <see cref="Upsert"/> without taking the lock, for filling a set no other thread can see yet (the load at start).
    /// </summary>
    public void UpsertUnshared(long row, ReadOnlySpan<float> vector)
    {
        ThrowIfWrongLength(vector.Length, nameof(vector));
        Put(row, vector);
    }

    public bool Contains(long row)
    {
        _lock.EnterReadLock();
        try
        {
            return _slotByRow.ContainsKey(row);
        }
        finally
        {
            _lock.ExitReadLock();
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

            // The last vector moves into the hole so the arrays stay dense.
            var last = --_count;
            if (slot != last)
            {
                VectorAt(last).CopyTo(_vectors.AsSpan(slot * dimensions, dimensions));
                CodesAt(last).CopyTo(_codes.AsSpan(slot * dimensions, dimensions));
                _scales[slot] = _scales[last];
                _rows[slot] = _rows[last];
                _slotByRow[_rows[slot]] = slot;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>, best first (int8 scan, exact re-score).</summary>
    public IReadOnlyList<(long Row, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        ThrowIfWrongLength(query.Length, nameof(query));
        if (k <= 0)
        {
            return [];
        }

        var queryCodes = new sbyte[dimensions];
        ScalarQuantizer.Quantize(query, queryCodes);
        var best = new PriorityQueue<long, float>(k + 1);
        _lock.EnterReadLock();
        try
        {
            foreach (var slot in Candidates(queryCodes, k * RescoreFactor))
            {
                Offer(best, k, _rows[slot], TensorPrimitives.Dot(query, VectorAt(slot)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Drain(best);
    }

    /// <summary>The exact top <paramref name="k"/> by the float vectors alone: the reference the int8 search is held to.</summary>
    public IReadOnlyList<(long Row, float Score)> SearchExact(ReadOnlySpan<float> query, int k)
    {
        ThrowIfWrongLength(query.Length, nameof(query));
        var best = new PriorityQueue<long, float>(Math.Max(k, 0) + 1);
        _lock.EnterReadLock();
        try
        {
            for (var slot = 0; slot < _count && k > 0; slot++)
            {
                Offer(best, k, _rows[slot], TensorPrimitives.Dot(query, VectorAt(slot)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Drain(best);
    }

    // Caller holds the read lock; the partitions only read.
    private int[] Candidates(sbyte[] queryCodes, int wanted)
    {
        var partitions = Math.Clamp(_count / MinPartition, 1, Environment.ProcessorCount);
        if (partitions == 1)
        {
            return Scan(queryCodes, 0, _count, wanted).UnorderedItems.Select(c => c.Element).ToArray();
        }

        var perPartition = new PriorityQueue<int, float>[partitions];
        var size = (_count + partitions - 1) / partitions;
        Parallel.For(0, partitions, p => perPartition[p] = Scan(queryCodes, p * size, Math.Min(_count, (p + 1) * size), wanted));
        var merged = new PriorityQueue<int, float>(wanted + 1);
        foreach (var (slot, score) in perPartition.SelectMany(q => q.UnorderedItems))
        {
            Offer(merged, wanted, slot, score);
        }

        return merged.UnorderedItems.Select(c => c.Element).ToArray();
    }

    private PriorityQueue<int, float> Scan(sbyte[] queryCodes, int from, int to, int wanted)
    {
        var best = new PriorityQueue<int, float>(wanted + 1);
        var worst = float.NegativeInfinity;
        for (var slot = from; slot < to; slot++)
        {
            // The query's own scale is the same for every slot, so it cannot change the order.
            var score = ScalarQuantizer.Dot(queryCodes, CodesAt(slot)) * _scales[slot];
            if (best.Count < wanted)
            {
                best.Enqueue(slot, score);
                if (best.Count == wanted)
                {
                    best.TryPeek(out _, out worst);
                }
            }
            else if (score > worst)
            {
                best.DequeueEnqueue(slot, score);
                best.TryPeek(out _, out worst);
            }
        }

        return best;
    }

    private static void Offer<T>(PriorityQueue<T, float> best, int k, T item, float score)
    {
        if (best.Count < k)
        {
            best.Enqueue(item, score);
        }
        else if (best.TryPeek(out _, out var worst) && score > worst)
        {
            best.DequeueEnqueue(item, score);
        }
    }

    private static (long Row, float Score)[] Drain(PriorityQueue<long, float> best)
    {
        var results = new (long Row, float Score)[best.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var score);
            results[i] = (row, score);
        }

        return results;
    }

    private void Put(long row, ReadOnlySpan<float> vector)
    {
        if (!_slotByRow.TryGetValue(row, out var slot))
        {
            EnsureCapacity(_count + 1);
            slot = _count++;
            _slotByRow[row] = slot;
            _rows[slot] = row;
        }

        vector.CopyTo(_vectors.AsSpan(slot * dimensions, dimensions));
        _scales[slot] = ScalarQuantizer.Quantize(vector, _codes.AsSpan(slot * dimensions, dimensions));
    }

    private ReadOnlySpan<float> VectorAt(int slot) => _vectors.AsSpan(slot * dimensions, dimensions);

    private ReadOnlySpan<sbyte> CodesAt(int slot) => _codes.AsSpan(slot * dimensions, dimensions);

    private void ThrowIfWrongLength(int length, string name)
    {
        if (length != dimensions)
        {
            throw new ArgumentException($"The vector has {length} dimensions; the collection has {dimensions}.", name);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _rows.Length)
        {
            return;
        }

        var grown = Math.Max(needed, _rows.Length * 2);
        Array.Resize(ref _rows, grown);
        Array.Resize(ref _scales, grown);
        Array.Resize(ref _vectors, grown * dimensions);
        Array.Resize(ref _codes, grown * dimensions);
    }

    public void Dispose() => _lock.Dispose();
}

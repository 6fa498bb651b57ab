using DataDistiller.Infrastructure.Threading;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Dedicated threads that run every model batch, so inference never blocks thread-pool threads. A call is split into
/// its ONNX batches, which spread over the workers; urgent (query) batches go before queued normal (ingestion) ones.
/// On Linux the workers can run below the requests (<see cref="WorkerPriority"/>), so HTTP requests preempt a busy model.
/// </summary>
/// <remarks>
/// With one ONNX Runtime intra-op thread a run executes on the worker that calls it. Other work in the process then
/// slows one worker, instead of preempting one of the intra-op threads a parallel run waits for at every operator.
/// </remarks>
internal sealed class InferencePool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<Action> _urgent = new();
    private readonly Queue<Action> _normal = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly Thread[] _workers;
    private bool _disposed;

    public InferencePool(string name, int workerCount, WorkerPriority priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        Priority = priority;
        _workers = new Thread[workerCount];
        for (var i = 0; i < workerCount; i++)
        {
            _workers[i] = new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>The priority the workers run at.</summary>
    public WorkerPriority Priority { get; }

    /// <summary>
    /// Runs batches <c>0 .. batchCount - 1</c> of one call on the workers, in queue order, and returns their results by
    /// index. <paramref name="urgent"/> batches go before queued normal ones.
    /// </summary>
    public Task<T[]> RunBatchesAsync<T>(int batchCount, Func<int, CancellationToken, T> runBatch, bool urgent, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchCount);
        ArgumentNullException.ThrowIfNull(runBatch);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T[]>(cancellationToken);
        }

        if (batchCount == 0)
        {
            return Task.FromResult(Array.Empty<T>());
        }

        var call = new InferenceCall<T>(batchCount, runBatch, cancellationToken);
        lock (_gate)
        {
            if (_disposed)
            {
                call.Fail(new ObjectDisposedException(nameof(InferencePool), "The model is shutting down: no new inference is accepted."));
                return call.Completion;
            }

            var queue = urgent ? _urgent : _normal;
            for (var i = 0; i < batchCount; i++)
            {
                var index = i;
                queue.Enqueue(() => call.RunBatch(index));
            }
        }

        _queued.Release(batchCount);
        return call.Completion;
    }

    /// <summary>Runs <paramref name="work"/> as one batch.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, bool urgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var results = await RunBatchesAsync(1, (_, _) => work(), urgent, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Runs <paramref name="work"/> on a worker and waits for it (directly when already on one).</summary>
    public T Invoke<T>(Func<T> work) =>
        Array.IndexOf(_workers, Thread.CurrentThread) >= 0 ? work() : RunAsync(work, urgent: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Refuses new work, lets the workers finish every batch already queued, and waits for them.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // One extra permit per worker: a worker that finds both queues empty after the flag is set ends.
        _queued.Release(_workers.Length);
        var onWorker = false;
        foreach (var worker in _workers)
        {
            if (worker == Thread.CurrentThread)
            {
                onWorker = true;
                continue;
            }

            worker.Join();
        }

        // A worker disposing its own pool still has to reach its exit permit.
        if (!onWorker)
        {
            _queued.Dispose();
        }
    }

    private void Loop()
    {
        Priority.ApplyToCurrentThread();
        while (true)
        {
            _queued.Wait();
            Action? work;
            lock (_gate)
            {
                if (!_urgent.TryDequeue(out work) && !_normal.TryDequeue(out work))
                {
                    return;
                }
            }

            // Batches catch their own exceptions (they belong to the caller); nothing else runs here.
            work();
        }
    }
}

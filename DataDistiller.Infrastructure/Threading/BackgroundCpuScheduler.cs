using System.Collections.Concurrent;

namespace DataDistiller.Infrastructure.Threading;

/// <summary>
/// Dedicated threads, below request threads in priority, for CPU-heavy pipeline work such as parsing a PDF. On the
/// thread pool that work time-slices with the requests on the same cores: an upload acknowledged while a large PDF is
/// parsed waited for its turn at every hop.
/// </summary>
internal sealed class BackgroundCpuScheduler : TaskScheduler, IDisposable
{
    /// <summary>
    /// Runs only on otherwise idle cores, like the model's ingestion batches; where Linux refuses that policy, at nice
    /// +5: between the requests (0) and the model (+10).
    /// </summary>
    public static readonly WorkerPriority Priority = new(NiceIncrement: 5, OnlyWhenIdle: true);

    private readonly BlockingCollection<Task> _queue = [];
    private readonly int _threadCount;

    public BackgroundCpuScheduler(string name, int threadCount, WorkerPriority priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        _threadCount = threadCount;
        for (var i = 0; i < threadCount; i++)
        {
            // Background threads: the shared scheduler's live as long as the process, like the thread pool's own.
            new Thread(() => Loop(priority)) { IsBackground = true, Name = $"{name}-{i}" }.Start();
        }
    }

    /// <summary>One per process, a thread per core: the work it runs is bounded by the pipeline's own concurrency.</summary>
    public static BackgroundCpuScheduler Shared { get; } = new("background-cpu", Environment.ProcessorCount, Priority);

    public override int MaximumConcurrencyLevel => _threadCount;

    /// <summary>Runs <paramref name="work"/> on one of the scheduler's threads.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    /// <summary>Refuses new work; the threads end once the queued work has run. The shared scheduler is never disposed.</summary>
    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Never inline: a caller waiting on the task would otherwise run the work at its own (request) priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    private void Loop(WorkerPriority priority)
    {
        priority.ApplyToCurrentThread();
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}

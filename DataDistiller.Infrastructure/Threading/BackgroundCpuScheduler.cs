using System.Collections.Concurrent;

namespace DataDistiller.Infrastructure.Threading;

/// <summary>
/// Dedicated threads, below request threads in priority (Linux nice), for CPU-heavy pipeline work such as parsing a
/// PDF. On the thread pool that work time-slices with the requests on the same cores: an upload acknowledged while a
/// large PDF is parsed waited for its turn at every hop. The model's inference threads sit lower still.
/// </summary>
internal sealed class BackgroundCpuScheduler : TaskScheduler, IDisposable
{
    /// <summary>Between requests (0) and the model's inference workers (10 by default).</summary>
    public const int NiceIncrement = 5;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly int _threadCount;

    public BackgroundCpuScheduler(string name, int threadCount, int niceIncrement)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        _threadCount = threadCount;
        for (var i = 0; i < threadCount; i++)
        {
            // Background threads: the shared scheduler's live as long as the process, like the thread pool's own.
            new Thread(() => Loop(niceIncrement)) { IsBackground = true, Name = $"{name}-{i}" }.Start();
        }
    }

    /// <summary>One per process, a thread per core: the work it runs is bounded by the pipeline's own concurrency.</summary>
    public static BackgroundCpuScheduler Shared { get; } = new("background-cpu", Environment.ProcessorCount, NiceIncrement);

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

    private void Loop(int niceIncrement)
    {
        ThreadNice.Lower(niceIncrement);
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// One dedicated thread that runs every model call, so inference never blocks thread-pool threads, with search
/// queries served before queued ingestion batches. On Linux the thread (and the ONNX Runtime pool threads it
/// creates, which inherit it) runs at a lower priority, so HTTP requests preempt a busy model at once.
/// </summary>
internal sealed partial class InferenceThread : IDisposable
{
    private readonly BlockingCollection<Action> _urgent = [];
    private readonly BlockingCollection<Action> _normal = [];
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread _thread;
    private readonly int _niceIncrement;

    public InferenceThread(string name, int niceIncrement)
    {
        _queues = [_urgent, _normal];
        _niceIncrement = niceIncrement;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the inference thread; <paramref name="urgent"/> work goes before queued normal work.</summary>
    public Task<T> RunAsync<T>(Func<T> work, bool urgent, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The queue itself is never waited on here (unbounded); cancellation is checked when the work comes up.
        (urgent ? _urgent : _normal).Add(
            () =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completion.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    completion.TrySetResult(work());
                }
                catch (OperationCanceledException ex)
                {
                    completion.TrySetCanceled(ex.CancellationToken);
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                }
            },
            CancellationToken.None);
        return completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the inference thread and waits for it (directly when already on it).</summary>
    public T Invoke<T>(Func<T> work) =>
        Thread.CurrentThread == _thread ? work() : RunAsync(work, urgent: true, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        _urgent.CompleteAdding();
        _normal.CompleteAdding();
        _thread.Join();
        _urgent.Dispose();
        _normal.Dispose();
    }

    private void Loop()
    {
        LowerPriority(_niceIncrement);
        while (!(_urgent.IsCompleted && _normal.IsCompleted))
        {
            try
            {
                BlockingCollection<Action>.TakeFromAny(_queues, out var work);
                work!();
            }
            catch (ArgumentException)
            {
                // Both queues completed between the check and the take: the loop ends.
            }
        }
    }

    private static void LowerPriority(int niceIncrement)
    {
        if (niceIncrement > 0 && OperatingSystem.IsLinux())
        {
            // Raising nice needs no privilege; a failure (e.g. a seccomp policy) only leaves the default priority.
            _ = SetPriority(PrioProcess, GetThreadId(), niceIncrement);
        }
    }

    private const int PrioProcess = 0;

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}

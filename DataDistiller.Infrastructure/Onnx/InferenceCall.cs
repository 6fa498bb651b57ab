namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// One model call split into batches that run on any worker of an <see cref="InferencePool"/>. The call completes
/// when its last batch does; the first failure or a cancellation completes it at once and the batches still queued
/// are skipped when they come up.
/// </summary>
internal sealed class InferenceCall<T>
{
    private readonly TaskCompletionSource<T[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int, CancellationToken, T> _runBatch;
    private readonly CancellationToken _cancellationToken;
    private readonly T[] _results;
    private readonly CancellationTokenRegistration _registration;
    private int _remaining;

    public InferenceCall(int batchCount, Func<int, CancellationToken, T> runBatch, CancellationToken cancellationToken)
    {
        _runBatch = runBatch;
        _cancellationToken = cancellationToken;
        _results = new T[batchCount];
        _remaining = batchCount;

        // A cancelled caller is answered at once, not when its queued batches come up behind other work.
        _registration = cancellationToken.UnsafeRegister(static state => ((InferenceCall<T>)state!).Cancel(), this);
    }

    public Task<T[]> Completion => _completion.Task;

    public void RunBatch(int index)
    {
        if (!_completion.Task.IsCompleted)
        {
            try
            {
                _results[index] = _runBatch(index, _cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                Complete(() => _completion.TrySetCanceled(ex.CancellationToken));
            }
            catch (Exception ex)
            {
                Complete(() => _completion.TrySetException(ex));
            }
        }

        // The decrement orders every batch's result write before the last batch publishes the array.
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Complete(() => _completion.TrySetResult(_results));
        }
    }

    /// <summary>Fails a call whose batches will never run (the pool was disposed while they were being queued).</summary>
    public void Fail(Exception exception) => Complete(() => _completion.TrySetException(exception));

    private void Cancel() => Complete(() => _completion.TrySetCanceled(_cancellationToken));

    private void Complete(Func<bool> complete)
    {
        if (complete())
        {
            _registration.Dispose();
        }
    }
}

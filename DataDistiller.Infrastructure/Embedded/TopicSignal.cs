namespace DataDistiller.Infrastructure.Embedded;

/// <summary>Wakes every waiting consumer of a topic when something is published to it.</summary>
internal sealed class TopicSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Pulse"/>; take it before looking for messages so none is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

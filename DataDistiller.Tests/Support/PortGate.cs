using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Tests.Support;

/// <summary>
/// Holds one async method of a port's adapter at a gate while a test keeps it closed, e.g. the job store's
/// TryStartSplittingAsync, so a document stays "accepted" while the test starts following it. Open at first.
/// </summary>
public sealed class PortGate(string methodName)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Completed();

    public string MethodName => methodName;

    public Task Opened
    {
        get
        {
            lock (_lock)
            {
                return _open.Task;
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>Wraps the adapter registered for <typeparamref name="TPort"/> (under the resilience decorator) with this gate.</summary>
    public void InjectInto<TPort>(IServiceCollection services)
        where TPort : class =>
        AdapterWrapping.Wrap<TPort>(services, inner =>
        {
            var proxy = System.Reflection.DispatchProxy.Create<TPort, GatedPort<TPort>>();
            ((GatedPort<TPort>)(object)proxy).Attach(inner, this);
            return proxy;
        });

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}

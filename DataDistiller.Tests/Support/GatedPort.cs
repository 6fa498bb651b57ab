using System.Reflection;
using System.Runtime.ExceptionServices;
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
            var proxy = DispatchProxy.Create<TPort, GatedPort<TPort>>();
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

/// <summary>The proxy behind <see cref="PortGate"/>; not sealed because DispatchProxy derives from it at run time.</summary>
#pragma warning disable CA1852
public class GatedPort<TPort> : DispatchProxy
#pragma warning restore CA1852
    where TPort : class
{
    private static readonly MethodInfo s_gatedResult = typeof(GatedPort<TPort>).GetMethod(nameof(GatedResultAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private TPort _inner = null!;
    private PortGate _gate = null!;

    internal void Attach(TPort inner, PortGate gate)
    {
        _inner = inner;
        _gate = gate;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var opened = _gate.Opened;
        if (targetMethod.Name != _gate.MethodName || opened.IsCompleted)
        {
            return Call(targetMethod, args);
        }

        var returnType = targetMethod.ReturnType;
        return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? s_gatedResult.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [opened, (Func<object?>)(() => Call(targetMethod, args))])
            : GatedAsync(opened, () => (Task)Call(targetMethod, args)!);
    }

    private static async Task GatedAsync(Task opened, Func<Task> call)
    {
        await opened;
        await call();
    }

    private static async Task<T> GatedResultAsync<T>(Task opened, Func<object?> call)
    {
        await opened;
        return await (Task<T>)call()!;
    }

    private object? Call(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}

using System.Reflection;
using System.Runtime.ExceptionServices;

namespace DataDistiller.Tests.Support;

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

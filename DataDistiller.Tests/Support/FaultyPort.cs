using System.Reflection;
using System.Runtime.ExceptionServices;

namespace DataDistiller.Tests.Support;

/// <summary>The proxy behind <see cref="PortFault"/>; not sealed because DispatchProxy derives from it at run time.</summary>
#pragma warning disable CA1852
public class FaultyPort<TPort> : DispatchProxy
#pragma warning restore CA1852
    where TPort : class
{
    private TPort _inner = null!;
    private PortFault _fault = null!;

    internal void Attach(TPort inner, PortFault fault)
    {
        _inner = inner;
        _fault = fault;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_fault.Down && typeof(Task).IsAssignableFrom(targetMethod.ReturnType))
        {
            _fault.CountRefusal();
            throw new IOException($"Injected outage of {typeof(TPort).Name}.");
        }

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

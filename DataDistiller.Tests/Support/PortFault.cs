using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Tests.Support;

/// <summary>
/// Fault injection for a port: while <see cref="Down"/>, every async call of the adapter throws as an outage would, under
/// the resilience decorator, so timeouts, breakers and the 503 mapping see a real failure.
/// </summary>
public sealed class PortFault
{
    private int _down;
    private int _refused;

    public bool Down
    {
        get => Volatile.Read(ref _down) == 1;
        set => Volatile.Write(ref _down, value ? 1 : 0);
    }

    /// <summary>Calls refused while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    internal void CountRefusal() => Interlocked.Increment(ref _refused);

    /// <summary>Wraps the adapter registered for <typeparamref name="TPort"/> (under the resilience decorator) with this fault.</summary>
    public void InjectInto<TPort>(IServiceCollection services)
        where TPort : class =>
        AdapterWrapping.Wrap<TPort>(services, inner =>
        {
            var proxy = System.Reflection.DispatchProxy.Create<TPort, FaultyPort<TPort>>();
            ((FaultyPort<TPort>)(object)proxy).Attach(inner, this);
            return proxy;
        });
}

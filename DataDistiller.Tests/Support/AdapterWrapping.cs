using DataDistiller.Infrastructure.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Tests.Support;

/// <summary>Wraps the adapter of a port under its resilience decorator, e.g. to slow it down or make it fail.</summary>
public static class AdapterWrapping
{
    public static void Wrap<TPort>(IServiceCollection services, Func<TPort, TPort> wrap)
        where TPort : class
    {
        var adapter = services.Last(d => d.ServiceType == typeof(TPort) && d.IsKeyedService && Equals(d.ServiceKey, ResilienceHostingExtensions.InnerKey));
        services.Remove(adapter);
        services.AddKeyedSingleton<TPort>(ResilienceHostingExtensions.InnerKey, (sp, key) => wrap((TPort)Create(adapter, sp, key)));
    }

    private static object Create(ServiceDescriptor adapter, IServiceProvider services, object? key) => adapter switch
    {
        { KeyedImplementationInstance: { } instance } => instance,
        { KeyedImplementationFactory: { } factory } => factory(services, key),
        _ => ActivatorUtilities.CreateInstance(services, adapter.KeyedImplementationType!),
    };
}

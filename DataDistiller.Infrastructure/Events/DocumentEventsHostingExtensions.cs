using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Events;

public static class DocumentEventsHostingExtensions
{
    /// <summary>
    /// Makes the job store publish every change it makes durable. Call after the store and its resilience decorator
    /// are registered: events then follow the writes that succeeded, and a read for an event goes through the breaker.
    /// </summary>
    public static IHostApplicationBuilder AddDocumentEventPublishing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var store = services.LastOrDefault(d => d.ServiceType == typeof(IJobStore) && !d.IsKeyedService);
        if (store is null || services.Any(d => d.ServiceType == typeof(EventPublishingJobStore)))
        {
            return builder;
        }

        services.Remove(store);
        services.AddSingleton<EventPublishingJobStore>(sp => new EventPublishingJobStore(
            Create(sp, store),
            sp.GetRequiredService<IDocumentEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventPublishingJobStore>>()));
        services.AddSingleton<IJobStore>(sp => sp.GetRequiredService<EventPublishingJobStore>());
        return builder;
    }

    private static IJobStore Create(IServiceProvider services, ServiceDescriptor store) => store switch
    {
        { ImplementationInstance: IJobStore instance } => instance,
        { ImplementationFactory: { } factory } => (IJobStore)factory(services),
        _ => (IJobStore)ActivatorUtilities.CreateInstance(services, store.ImplementationType!),
    };
}

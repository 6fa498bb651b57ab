using DataDistiller.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>
/// Wraps every registered port (job store, blob store, chunk index, embedder, re-ranker) in a timeout and a circuit
/// breaker, whatever adapter serves it. The adapter stays registered as a keyed service under <see cref="InnerKey"/>,
/// which is also where a test puts a faulty one.
/// </summary>
public static class ResilienceHostingExtensions
{
    public const string InnerKey = "resilience-inner";

    /// <summary>Decorates the ports registered so far; safe to call again after more adapters are added.</summary>
    public static IHostApplicationBuilder AddDependencyResilience(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ResilienceOptions>().BindConfiguration(ResilienceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>());
        Decorate<IJobStore>(services, "job store", o => o.JobStore, (inner, p) => new ResilientJobStore(inner, p));
        Decorate<IBlobStore>(services, "blob store", o => o.BlobStore, (inner, p) => new ResilientBlobStore(inner, p));
        Decorate<IChunkIndex>(services, "chunk index", o => o.ChunkIndex, (inner, p) => new ResilientChunkIndex(inner, p));
        Decorate<IEmbeddingGenerator<string, Embedding<float>>>(services, "embedder", o => o.Embedder, (inner, p) => new ResilientEmbeddingGenerator(inner, p));
        Decorate<IReranker>(services, "re-ranker", o => o.Reranker, (inner, p) => new ResilientReranker(inner, p));
        return builder;
    }

    private static void Decorate<TPort>(
        IServiceCollection services,
        string dependency,
        Func<ResilienceOptions, DependencyResilienceOptions> select,
        Func<TPort, DependencyPipeline, TPort> wrap)
        where TPort : class
    {
        var adapter = services.LastOrDefault(d => d.ServiceType == typeof(TPort) && !d.IsKeyedService);
        if (adapter is null || services.Any(d => d.ServiceType == typeof(TPort) && d.IsKeyedService && Equals(d.ServiceKey, InnerKey)))
        {
            return;
        }

        services.Remove(adapter);
        services.Add(AsInner(adapter));
        services.AddSingleton(sp => wrap(
            sp.GetRequiredKeyedService<TPort>(InnerKey),
            new DependencyPipeline(
                dependency,
                select(sp.GetRequiredService<IOptions<ResilienceOptions>>().Value),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyPipeline).FullName!))));
    }

    private static ServiceDescriptor AsInner(ServiceDescriptor adapter) => adapter switch
    {
        { ImplementationInstance: { } instance } => new ServiceDescriptor(adapter.ServiceType, InnerKey, instance),
        { ImplementationFactory: { } factory } => new ServiceDescriptor(adapter.ServiceType, InnerKey, (sp, _) => factory(sp), adapter.Lifetime),
        _ => new ServiceDescriptor(adapter.ServiceType, InnerKey, adapter.ImplementationType!, adapter.Lifetime),
    };
}

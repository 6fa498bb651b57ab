using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Core.Retrieval;

/// <summary>Registers hybrid retrieval over the chunk index; the embedded re-scorer unless a re-ranker adapter was registered first.</summary>
public static class RetrievalHostingExtensions
{
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => RetrievalStrategies.Find(o.DefaultStrategy) is not null, $"{RetrievalOptions.SectionName}:DefaultStrategy names no known strategy.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<EmbeddingModelResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddingModelWarmup>());
        builder.Services.TryAddSingleton<IReranker, SentenceSimilarityReranker>();
        builder.Services.TryAddSingleton<StrategyCatalog>();
        builder.Services.TryAddSingleton<HybridSearcher>();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Core.Retrieval;

/// <summary>Registers hybrid retrieval over the chunk index.</summary>
public static class RetrievalHostingExtensions
{
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<EmbeddingModelResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddingModelWarmup>());
        builder.Services.TryAddSingleton<HybridSearcher>();
        return builder;
    }
}

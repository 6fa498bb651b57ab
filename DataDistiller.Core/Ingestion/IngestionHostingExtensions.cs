using DataDistiller.Core.Chunking;
using DataDistiller.Core.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Core.Ingestion;

/// <summary>Registers the ingestion pipeline: chunking, the splitter and embedder handlers and their consumers.</summary>
public static class IngestionHostingExtensions
{
    /// <summary>Adds the splitter and embedder consumers; the ports (bus, stores, index, embedder, extractors) come from adapters.</summary>
    public static IHostApplicationBuilder AddIngestionPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ThreadPoolHeadroom.Ensure();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<TextChunker>();
        builder.Services.TryAddSingleton<TextExtractorSelector>();
        builder.Services.TryAddSingleton<Retrieval.EmbeddingModelResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Retrieval.EmbeddingModelWarmup>());
        builder.Services.TryAddSingleton<DocumentIntake>();
        builder.Services.TryAddSingleton<DocumentRemoval>();
        builder.Services.TryAddSingleton<SplitDocumentHandler>();
        builder.Services.TryAddSingleton<EmbedChunksHandler>();
        builder.Services.AddHostedService<SplitterConsumer>();
        builder.Services.AddHostedService<EmbedderConsumer>();
        return builder;
    }
}

using DataDistiller.Core.Chunking;
using DataDistiller.Core.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>Registers the ingestion pipeline: chunking, the splitter and embedder handlers and their consumers.</summary>
public static class IngestionHostingExtensions
{
    private static readonly TimeSpan s_shutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>Adds the splitter, embedder and dead-letter consumers and the stuck-document sweeper; the ports (bus, stores, index, embedder, extractors) come from adapters.</summary>
    public static IHostApplicationBuilder AddIngestionPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ThreadPoolHeadroom.Ensure();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        // The host must wait for the consumers' grace, or it abandons them mid-commit.
        builder.Services.AddOptions<HostOptions>().PostConfigure<IOptions<IngestionOptions>>((host, ingestion) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (ingestion.Value.ShutdownGrace + s_shutdownMargin).Ticks)));
        builder.Services.AddOptions<StuckDocumentOptions>().BindConfiguration(StuckDocumentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<TextChunker>();
        builder.Services.TryAddSingleton<TextExtractorSelector>();
        builder.Services.TryAddSingleton<Retrieval.EmbeddingModelResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Retrieval.EmbeddingModelWarmup>());
        builder.Services.TryAddSingleton<DocumentIntake>();
        builder.Services.TryAddSingleton<DocumentRemoval>();
        builder.Services.TryAddSingleton<SplitDocumentHandler>();
        builder.Services.TryAddSingleton<EmbedChunksHandler>();
        builder.Services.TryAddSingleton<FailedMessageRouter>();
        builder.Services.TryAddSingleton<DeadLetters.DeadLetterReplayer>();
        builder.Services.AddHostedService<SplitterConsumer>();
        builder.Services.AddHostedService<EmbedderConsumer>();
        builder.Services.AddHostedService<DeadLetters.DeadLetterConsumer>();
        builder.Services.AddHostedService<DeadLetters.DeadLetterSizeMonitor>();
        builder.Services.AddHostedService<StuckDocumentSweeper>();
        return builder;
    }
}

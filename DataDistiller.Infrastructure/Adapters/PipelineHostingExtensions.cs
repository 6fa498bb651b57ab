using DataDistiller.Core.Ingestion;
using DataDistiller.Infrastructure.Events;
using DataDistiller.Infrastructure.Extraction;
using DataDistiller.Infrastructure.Resilience;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>The ingestion pipeline with its adapters: what the Workers host runs, and the Api in the embedded mode.</summary>
public static class PipelineHostingExtensions
{
    public static IHostApplicationBuilder AddIngestionWithAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDataDistillerAdapters();
        builder.AddEmbeddings();
        builder.Services.AddDocumentExtraction();
        builder.AddIngestionPipeline();
        builder.AddDependencyResilience();
        builder.AddDocumentEventPublishing();
        return builder;
    }
}

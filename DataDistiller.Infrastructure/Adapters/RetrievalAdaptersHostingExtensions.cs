using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.HttpReranking;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Infrastructure.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>Retrieval with its re-ranker adapter chosen from configuration.</summary>
public static class RetrievalAdaptersHostingExtensions
{
    private const string Port = "re-ranker";

    /// <summary>
    /// Chooses the re-ranker: <c>ConnectionStrings:reranker</c> → the HTTP re-ranker; a model path or download enabled →
    /// the ONNX cross-encoder; otherwise none, so <c>AddRetrieval()</c> registers the embedded sentence re-scorer.
    /// </summary>
    public static IHostApplicationBuilder AddReranking(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var onnx = configuration.GetSection(OnnxRerankerOptions.SectionName);
        string adapter;
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(HttpRerankingHostingExtensions.ConnectionName)))
        {
            builder.AddHttpReranker();
            var dialect = configuration.GetValue($"{HttpRerankerOptions.SectionName}:Dialect", RerankDialect.Tei);
            adapter = $"HTTP cross-encoder ({dialect.ToString().ToLowerInvariant()})";
        }
        else if (!string.IsNullOrWhiteSpace(onnx[nameof(OnnxRerankerOptions.Path)]) || onnx.GetValue<bool>(nameof(OnnxRerankerOptions.Download)))
        {
            builder.AddOnnxReranker();
            adapter = string.IsNullOrWhiteSpace(onnx[nameof(OnnxRerankerOptions.Path)]) ? "ONNX cross-encoder (model cache, download on first use)" : "ONNX cross-encoder";
        }
        else
        {
            adapter = "embedded sentence re-scoring";
        }

        builder.Services.AddSingleton(new AdapterChoice(Port, adapter));
        return builder;
    }

    /// <summary>Hybrid retrieval with the re-ranker chosen by <see cref="AddReranking"/>.</summary>
    public static IHostApplicationBuilder AddRetrievalWithAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The adapter first: AddRetrieval only registers its fallback when no re-ranker is registered yet.
        builder.AddReranking();
        builder.AddRetrieval();
        builder.AddDependencyResilience();
        return builder;
    }
}

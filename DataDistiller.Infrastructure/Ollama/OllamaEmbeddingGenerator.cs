using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace DataDistiller.Infrastructure.Ollama;

/// <summary>
/// An Ollama embedding model as DataDistiller needs it: the model's query or passage prefix added by input type, and
/// its id and dimensions reported through <see cref="EmbeddingGeneratorMetadata"/> so the index can record them.
/// </summary>
public sealed class OllamaEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner, Uri endpoint, OllamaEmbeddingOptions settings)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly EmbeddingGeneratorMetadata _metadata = new(
        "ollama", endpoint, settings.OllamaModel ?? throw new ArgumentException("No Ollama model is configured.", nameof(settings)), settings.OllamaDimensions);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = EmbeddingInputType.IsQuery(options) ? settings.OllamaQueryPrefix : settings.OllamaDocumentPrefix;
        var embeddings = await base.GenerateAsync(values.Select(v => prefix + v), options, cancellationToken).ConfigureAwait(false);

        // A model swapped behind the same name would otherwise mix vector lengths in one collection.
        if (embeddings.FirstOrDefault(e => e.Vector.Length != settings.OllamaDimensions) is { } wrong)
        {
            throw new InvalidOperationException(
                $"Ollama model {settings.OllamaModel} returned {wrong.Vector.Length}-d vectors; {OllamaEmbeddingOptions.SectionName}:OllamaDimensions says {settings.OllamaDimensions}.");
        }

        return embeddings;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) && serviceKey is null ? _metadata : base.GetService(serviceType, serviceKey);
}

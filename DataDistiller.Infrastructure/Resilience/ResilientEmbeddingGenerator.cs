using Microsoft.Extensions.AI;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any embedder behind a timeout and a circuit breaker; the searcher answers from BM25 alone when it fails.</summary>
public sealed class ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, DependencyPipeline pipeline)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        pipeline.ExecuteAsync(ct => base.GenerateAsync(values, options, ct), cancellationToken);
}

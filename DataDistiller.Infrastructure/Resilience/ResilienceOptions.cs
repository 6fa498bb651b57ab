namespace DataDistiller.Infrastructure.Resilience;

/// <summary>A timeout and circuit breaker per dependency; the LLM has its own in <c>DataDistiller:Chat</c>.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "DataDistiller:Resilience";

    public DependencyResilienceOptions JobStore { get; set; } = new();

    public DependencyResilienceOptions BlobStore { get; set; } = new();

    public DependencyResilienceOptions ChunkIndex { get; set; } = new();

    /// <summary>A CPU-bound local model embeds a 32-chunk batch in seconds on a busy machine: the default is generous.</summary>
    public DependencyResilienceOptions Embedder { get; set; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public DependencyResilienceOptions Reranker { get; set; } = new();
}

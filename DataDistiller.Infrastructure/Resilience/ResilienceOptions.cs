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

    /// <summary>
    /// Re-ranking costs a CPU-bound model call per question, so it sheds load rather than queueing: with as many
    /// re-ranks in flight and waiting as there are cores, a further question is answered in fused order at once
    /// (degraded) instead of waiting behind the others for seconds (docs/benchmarks.md, load test).
    /// </summary>
    public DependencyResilienceOptions Reranker { get; set; } = new()
    {
        MaxConcurrentCalls = Environment.ProcessorCount,
        MaxQueuedCalls = Environment.ProcessorCount,
    };
}

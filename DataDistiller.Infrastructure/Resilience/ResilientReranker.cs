using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any re-ranker behind a timeout and a circuit breaker; the searcher skips re-ranking when it fails.</summary>
public sealed class ResilientReranker(IReranker inner, DependencyPipeline pipeline) : IReranker
{
    public string Name => inner.Name;

    public Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.ScoreAsync(request, ct), cancellationToken);
}

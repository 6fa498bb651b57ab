namespace DataDistiller.Core.Retrieval;

/// <summary>What a retrieval returned and what produced it.</summary>
/// <param name="Hits">The hits, best first.</param>
/// <param name="Strategy">The id of the strategy that served the query, e.g. <c>hybrid-rerank@1</c>.</param>
/// <param name="Reranker">The re-ranker that ordered the hits, or null when the strategy does not re-rank or it was skipped.</param>
/// <param name="Degraded">What was left out because a dependency failed, e.g. <c>dense leg unavailable: embedder circuit open</c>; null when nothing was.</param>
public sealed record RetrievalResult(IReadOnlyList<SearchHit> Hits, string Strategy, string? Reranker, string? Degraded = null);

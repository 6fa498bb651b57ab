using System.Diagnostics;
using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// Runs a strategy: its legs in parallel (dense ∥ BM25), fusion by chunk id, then the re-ranker over the fused
/// candidates when the strategy asks for it.
/// </summary>
public sealed class HybridSearcher(
    IChunkIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelResolver models,
    IReranker reranker,
    IOptions<RetrievalOptions> options,
    TimeProvider timeProvider)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>The best <paramref name="k"/> chunks of <paramref name="collection"/> for <paramref name="question"/>.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was built with another embedding model.</exception>
    public async Task<RetrievalResult> SearchAsync(
        string question, string collection, RetrievalStrategy strategy, int? k, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        using var activity = RetrievalTelemetry.ActivitySource.StartActivity("search");
        activity?.SetTag(RetrievalTelemetry.StrategyTag, strategy.Id);
        var startedAt = timeProvider.GetTimestamp();
        var result = await SearchCoreAsync(question, collection, strategy, k, cancellationToken).ConfigureAwait(false);
        RetrievalTelemetry.SearchDuration.RecordSince(timeProvider, startedAt, LegTags(strategy, "total"));
        return result;
    }

    private async Task<RetrievalResult> SearchCoreAsync(
        string question, string collection, RetrievalStrategy strategy, int? k, CancellationToken cancellationToken)
    {
        var model = models.Resolve();
        if (await index.GetCollectionModelAsync(collection, cancellationToken).ConfigureAwait(false) is { } stored && stored != model)
        {
            throw EmbeddingModelMismatchException.For(collection, stored, model);
        }

        var dense = strategy.UseDense ? DenseAsync(question, collection, strategy, cancellationToken) : s_noDense;
        var bm25 = strategy.UseBm25 ? Bm25Async(question, collection, strategy, cancellationToken) : s_noMatches;
        await Task.WhenAll(dense, bm25).ConfigureAwait(false);
        var (denseMatches, degraded) = await dense.ConfigureAwait(false);
        var bm25Matches = await bm25.ConfigureAwait(false);
        var fusedAt = timeProvider.GetTimestamp();
        IReadOnlyList<SearchHit> fused;
        using (RetrievalTelemetry.ActivitySource.StartActivity("search fusion"))
        {
            fused = Fuse(strategy, denseMatches, bm25Matches);
        }

        RetrievalTelemetry.SearchDuration.RecordSince(timeProvider, fusedAt, LegTags(strategy, "fusion"));
        var take = k ?? strategy.FinalK;
        if (!strategy.Rerank || fused.Count == 0)
        {
            return new RetrievalResult([.. fused.Take(take)], strategy.Id, strategy.Rerank ? reranker.Name : null, degraded);
        }

        IReadOnlyList<double> scores;
        var rerankAt = timeProvider.GetTimestamp();
        using var rerankActivity = RetrievalTelemetry.ActivitySource.StartActivity("rerank");
        rerankActivity?.SetTag(RetrievalTelemetry.RerankerTag, reranker.Name);
        try
        {
            scores = await reranker.ScoreAsync(new RerankRequest(question, collection, fused), cancellationToken).ConfigureAwait(false);
            RetrievalTelemetry.RerankDuration.RecordSince(timeProvider, rerankAt, new TagList { { RetrievalTelemetry.RerankerTag, reranker.Name } });
        }
        catch (DependencyUnavailableException ex)
        {
            // The fused order is still a good answer: better unranked hits than an error.
            rerankActivity?.SetStatus(ActivityStatusCode.Error, ex.Reason);
            var note = $"re-ranking skipped: {ex.Dependency} {ex.Reason}";
            return new RetrievalResult([.. fused.Take(take)], strategy.Id, null, degraded is null ? note : $"{degraded}; {note}");
        }

        if (scores.Count != fused.Count)
        {
            throw new InvalidOperationException($"Re-ranker {reranker.Name} returned {scores.Count} scores for {fused.Count} candidates.");
        }

        // Stable on ties, so equal re-rank scores keep the fused order.
        var reranked = fused.Select((hit, i) => hit with { Rerank = scores[i] }).OrderByDescending(h => h.Rerank!.Value);
        return new RetrievalResult([.. reranked.Take(take)], strategy.Id, reranker.Name, degraded);
    }

    private static readonly Task<IReadOnlyList<ChunkMatch>> s_noMatches = Task.FromResult<IReadOnlyList<ChunkMatch>>([]);

    private static readonly Task<(IReadOnlyList<ChunkMatch>, string?)> s_noDense = Task.FromResult<(IReadOnlyList<ChunkMatch>, string?)>(([], null));

    private IReadOnlyList<SearchHit> Fuse(RetrievalStrategy strategy, IReadOnlyList<ChunkMatch> dense, IReadOnlyList<ChunkMatch> bm25) =>
        strategy.Fusion switch
        {
            FusionMode.ScoreNormalized => ScoreNormalizedFusion.Fuse(dense, bm25, strategy.DenseWeight),
            _ => ReciprocalRankFusion.Fuse(dense, bm25, _options.RrfK),
        };

    // Only the embedder degrades the search to BM25: an unavailable index fails the BM25 leg as well, so it is an error.
    private async Task<(IReadOnlyList<ChunkMatch> Matches, string? Degraded)> DenseAsync(
        string question, string collection, RetrievalStrategy strategy, CancellationToken cancellationToken)
    {
        using var activity = RetrievalTelemetry.ActivitySource.StartActivity("search dense");
        var startedAt = timeProvider.GetTimestamp();
        ReadOnlyMemory<float> vector;
        try
        {
            vector = await embedder.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyUnavailableException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Reason);
            return ([], $"dense leg unavailable: {ex.Dependency} {ex.Reason}");
        }

        var matches = await index.SearchDenseAsync(collection, vector, strategy.DenseTopK, cancellationToken).ConfigureAwait(false);
        RetrievalTelemetry.SearchDuration.RecordSince(timeProvider, startedAt, LegTags(strategy, "dense"));
        return (matches, null);
    }

    private async Task<IReadOnlyList<ChunkMatch>> Bm25Async(string question, string collection, RetrievalStrategy strategy, CancellationToken cancellationToken)
    {
        using var activity = RetrievalTelemetry.ActivitySource.StartActivity("search bm25");
        var startedAt = timeProvider.GetTimestamp();
        var matches = await index.SearchKeywordAsync(collection, question, strategy.Bm25TopK, cancellationToken).ConfigureAwait(false);
        RetrievalTelemetry.SearchDuration.RecordSince(timeProvider, startedAt, LegTags(strategy, "bm25"));
        return matches;
    }

    private static TagList LegTags(RetrievalStrategy strategy, string leg) =>
        new() { { RetrievalTelemetry.StrategyTag, strategy.Id }, { RetrievalTelemetry.LegTag, leg } };
}

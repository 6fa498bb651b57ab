using DataDistiller.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Retrieval;

/// <summary>Runs the dense and BM25 legs in parallel and fuses them (re-ranking comes after, on the fused list).</summary>
public sealed class HybridSearcher(
    IChunkIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelResolver models,
    IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>The best <paramref name="k"/> chunks of <paramref name="collection"/> for <paramref name="question"/>.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was built with another embedding model.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string question, string collection, int k, CancellationToken cancellationToken)
    {
        var model = models.Resolve();
        if (await index.GetCollectionModelAsync(collection, cancellationToken).ConfigureAwait(false) is { } stored && stored != model)
        {
            throw EmbeddingModelMismatchException.For(collection, stored, model);
        }

        var dense = DenseAsync(question, collection, cancellationToken);
        var bm25 = index.SearchKeywordAsync(collection, question, _options.KeywordTopK, cancellationToken);
        await Task.WhenAll(dense, bm25).ConfigureAwait(false);
        return [.. ReciprocalRankFusion.Fuse(await dense.ConfigureAwait(false), await bm25.ConfigureAwait(false), _options.RrfK).Take(k)];
    }

    private async Task<IReadOnlyList<ChunkMatch>> DenseAsync(string question, string collection, CancellationToken cancellationToken)
    {
        var vector = await embedder.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), cancellationToken).ConfigureAwait(false);
        return await index.SearchDenseAsync(collection, vector, _options.DenseTopK, cancellationToken).ConfigureAwait(false);
    }
}

using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any chunk index behind a timeout and a circuit breaker.</summary>
public sealed class ResilientChunkIndex(IChunkIndex inner, DependencyPipeline pipeline) : IChunkIndex
{
    public Task EnsureCollectionAsync(string collection, EmbeddingModelInfo model, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.EnsureCollectionAsync(collection, model, ct), cancellationToken);

    public Task<EmbeddingModelInfo?> GetCollectionModelAsync(string collection, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.GetCollectionModelAsync(collection, ct), cancellationToken);

    public Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.UpsertAsync(chunks, ct), cancellationToken);

    public Task<IReadOnlyList<ChunkMatch>> SearchDenseAsync(string collection, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.SearchDenseAsync(collection, query, k, ct), cancellationToken);

    public Task<IReadOnlyList<ChunkMatch>> SearchKeywordAsync(string collection, string query, int k, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.SearchKeywordAsync(collection, query, k, ct), cancellationToken);

    public Task<IReadOnlyList<ChunkInfo>> GetDocumentChunksAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.GetDocumentChunksAsync(documentId, ct), cancellationToken);

    public Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.DeleteDocumentAsync(documentId, ct), cancellationToken);
}

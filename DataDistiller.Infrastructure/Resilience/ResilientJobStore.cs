using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any job store behind a timeout and a circuit breaker.</summary>
public sealed class ResilientJobStore(IJobStore inner, DependencyPipeline pipeline) : IJobStore
{
    public Task EnsureCollectionAsync(string collection, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.EnsureCollectionAsync(collection, ct), cancellationToken);

    public Task<DocumentRecord> CreateAsync(DocumentRecord document, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.CreateAsync(document, ct), cancellationToken);

    public Task<DocumentRecord?> GetAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.GetAsync(documentId, ct), cancellationToken);

    public Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.ListAsync(query, ct), cancellationToken);

    public Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.ListCollectionsAsync(ct), cancellationToken);

    public Task<DocumentRecord?> TryStartSplittingAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.TryStartSplittingAsync(documentId, ct), cancellationToken);

    public Task<DocumentRecord?> SetChunksTotalAsync(Guid documentId, int chunksTotal, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.SetChunksTotalAsync(documentId, chunksTotal, ct), cancellationToken);

    public Task<IReadOnlySet<int>> GetDoneChunksAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.GetDoneChunksAsync(documentId, ct), cancellationToken);

    public Task<IReadOnlyList<DocumentProgress>> MarkChunksDoneAsync(IReadOnlyCollection<ChunkRef> chunks, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.MarkChunksDoneAsync(chunks, ct), cancellationToken);

    public Task<bool> MarkFailedAsync(Guid documentId, string reason, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.MarkFailedAsync(documentId, reason, ct), cancellationToken);

    public Task RecordRetryAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.RecordRetryAsync(documentId, ct), cancellationToken);

    public Task<bool> ReopenAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.ReopenAsync(documentId, ct), cancellationToken);

    public Task<DocumentRecord?> MarkDeletedAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.MarkDeletedAsync(documentId, ct), cancellationToken);

    public Task<IReadOnlyList<DocumentRecord>> MarkCollectionDeletedAsync(string collection, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.MarkCollectionDeletedAsync(collection, ct), cancellationToken);

    public Task PurgeAsync(Guid documentId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.PurgeAsync(documentId, ct), cancellationToken);

    public Task<IReadOnlyList<DocumentRecord>> ClaimStuckAsync(DateTimeOffset noProgressSince, int limit, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.ClaimStuckAsync(noProgressSince, limit, ct), cancellationToken);
}

using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Ports;

/// <summary>The source of truth for documents, their ingestion state and progress.</summary>
public interface IJobStore
{
    /// <summary>Creates the collection on first use; returns without change when it exists.</summary>
    Task EnsureCollectionAsync(string collection, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a new document row in state <see cref="DocumentStatus.Accepted"/> and returns it; when a live document (not
    /// failed or deleted) of the collection already has the same SHA-256, writes nothing and returns that one instead.
    /// </summary>
    Task<DocumentRecord> CreateAsync(DocumentRecord document, CancellationToken cancellationToken);

    Task<DocumentRecord?> GetAsync(Guid documentId, CancellationToken cancellationToken);

    Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Every collection of every tenant that holds at least one live (not deleted) document, by key, with its document counts
    /// per status. A collection whose documents were all deleted is not listed: it is created again by the next upload.
    /// </summary>
    Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves an accepted document to <see cref="DocumentStatus.Splitting"/> (a document already splitting or embedding
    /// keeps its status) and returns the row as it now is; null when it already ended (indexed or failed) or is unknown.
    /// </summary>
    Task<DocumentRecord?> TryStartSplittingAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Records how many chunks the document has, moves it to <see cref="DocumentStatus.Embedding"/> (or
    /// <see cref="DocumentStatus.Indexed"/> when that many are already done) and returns the row as it now is; null when
    /// the document is no longer splitting or embedding (deleted, failed or unknown), which changes nothing.
    /// </summary>
    Task<DocumentRecord?> SetChunksTotalAsync(Guid documentId, int chunksTotal, CancellationToken cancellationToken);

    /// <summary>The ordinals of the document's chunks already done.</summary>
    Task<IReadOnlySet<int>> GetDoneChunksAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds chunks to the done set (a redelivered chunk never counts twice) and moves every document whose
    /// set is complete to <see cref="DocumentStatus.Indexed"/>. Returns the progress of each document touched, read in the
    /// same transaction after the change: a deleted document reports <see cref="DocumentStatus.Deleted"/> (and gets no
    /// done rows), one that no longer exists is left out.
    /// </summary>
    Task<IReadOnlyList<DocumentProgress>> MarkChunksDoneAsync(IReadOnlyCollection<ChunkRef> chunks, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the document in <see cref="DocumentStatus.Failed"/> with a reason a person can act on. True only when this
    /// call moved it there: false when it was already failed (the first reason is kept), indexed, deleted or unknown.
    /// </summary>
    Task<bool> MarkFailedAsync(Guid documentId, string reason, CancellationToken cancellationToken);

    /// <summary>Adds one to the document's retry count (shown on its status).</summary>
    Task RecordRetryAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a failed document back in progress for a replay: to <see cref="DocumentStatus.Embedding"/> when its chunks
    /// are known, else to <see cref="DocumentStatus.Accepted"/>; clears the error and keeps the done set. False when the
    /// document is not failed.
    /// </summary>
    Task<bool> ReopenAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> documents still in progress (accepted, splitting or embedding) with no
    /// change since <paramref name="noProgressSince"/>, and touches their <c>updated_at</c> so no other replica claims
    /// them again before the same time has passed. Safe to call from many replicas at once: each document goes to one.
    /// </summary>
    Task<IReadOnlyList<DocumentRecord>> ClaimStuckAsync(DateTimeOffset noProgressSince, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the document <see cref="DocumentStatus.Deleted"/> so the pipeline drops its work; returns it (also when already
    /// marked, so an interrupted delete can be finished), or null when unknown.
    /// </summary>
    Task<DocumentRecord?> MarkDeletedAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Marks every document of the collection <see cref="DocumentStatus.Deleted"/> and returns them.</summary>
    Task<IReadOnlyList<DocumentRecord>> MarkCollectionDeletedAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Removes a deleted document's rows (the document and its done set); nothing happens to a live one.</summary>
    Task PurgeAsync(Guid documentId, CancellationToken cancellationToken);
}

namespace DataDistiller.Core.Documents;

/// <summary>
/// A document's state right after the pipeline changed it durably. Each event carries the full state, not a delta, so a
/// consumer may drop or coalesce events and still show the truth; <see cref="Collection"/> is the stored collection key.
/// </summary>
public sealed record DocumentChanged(
    Guid DocumentId,
    string Collection,
    string FileName,
    DocumentStatus Status,
    int ChunksDone,
    int? ChunksTotal,
    string? Error,
    DateTimeOffset OccurredAt)
{
    /// <summary>Percent done, computed like the document's status.</summary>
    public int Progress => DocumentProgress.Percent(Status, ChunksDone, ChunksTotal);

    /// <summary>Whether this is the last state a document can reach without a replay or a delete.</summary>
    public bool IsFinal => Status is DocumentStatus.Indexed or DocumentStatus.Failed or DocumentStatus.Deleted;

    public static DocumentChanged From(DocumentRecord document, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.DocumentId, document.Collection, document.FileName, document.Status, document.ChunksDone,
            document.ChunksTotal, document.Error, occurredAt);
    }

    /// <summary>
    /// Whether this event is older than <paramref name="previous"/> for the same document. Publishers in several processes
    /// (embedder replicas) can be received out of order; a stale event would show progress going back. Only a replay
    /// moves a document back, and only from failed: after a failure, an earlier state is new only when it happened later
    /// (the replay), not when it was read from the store before the failure.
    /// </summary>
    public bool IsStaleAfter(DocumentChanged? previous)
    {
        if (previous is null || previous.DocumentId != DocumentId)
        {
            return false;
        }

        if (previous.Status == DocumentStatus.Failed)
        {
            return Status != DocumentStatus.Failed && OccurredAt < previous.OccurredAt;
        }

        var order = Order(Status).CompareTo(Order(previous.Status));
        return order < 0 || (order == 0 && ChunksDone < previous.ChunksDone);
    }

    private static int Order(DocumentStatus status) => status switch
    {
        DocumentStatus.Accepted => 0,
        DocumentStatus.Splitting => 1,
        DocumentStatus.Embedding => 2,
        DocumentStatus.Indexed or DocumentStatus.Failed => 3,
        _ => 4,
    };
}

using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Documents;

/// <summary>A document's state as clients see it (the collection by the name its tenant uses, never the stored key): status, percent done, chunk counts, the error, retries and when each stage began.</summary>
public sealed record DocumentStatusResponse(
    Guid DocumentId,
    Guid JobId,
    string FileName,
    string Collection,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DocumentStatus Status,
    int Progress,
    int ChunksDone,
    int? ChunksTotal,
    string? Error,
    int Retries,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? SplittingAt,
    DateTimeOffset? EmbeddingAt,
    DateTimeOffset? IndexedAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset UpdatedAt)
{
    public static DocumentStatusResponse From(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(
            document.DocumentId, document.JobId, document.FileName, CollectionAddress.FromKey(document.Collection).Collection, document.ContentType, document.SizeBytes,
            document.Sha256, document.Status, document.Progress, document.ChunksDone, document.ChunksTotal, document.Error,
            document.Retries,
            document.AcceptedAt, document.SplittingAt, document.EmbeddingAt, document.IndexedAt, document.FailedAt, document.UpdatedAt);
    }
}

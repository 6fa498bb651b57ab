namespace DataDistiller.Core.Documents;

/// <summary>A document and its ingestion job, as the job store keeps it.</summary>
public sealed record DocumentRecord
{
    public required Guid DocumentId { get; init; }
    public required Guid JobId { get; init; }
    public required string Collection { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required string BlobKey { get; init; }
    public required long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    public DocumentStatus Status { get; init; } = DocumentStatus.Accepted;
    public int? ChunksTotal { get; init; }
    public int ChunksDone { get; init; }
    public string? Error { get; init; }

    /// <summary>Failed attempts that were retried, over every message of the document.</summary>
    public int Retries { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
    public DateTimeOffset? SplittingAt { get; init; }
    public DateTimeOffset? EmbeddingAt { get; init; }
    public DateTimeOffset? IndexedAt { get; init; }
    public DateTimeOffset? FailedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Percent done: chunks done over chunks total; 100 once indexed.</summary>
    public int Progress => DocumentProgress.Percent(Status, ChunksDone, ChunksTotal);
}

namespace DataDistiller.Core.Ingestion;

/// <summary>One chunk waits to be embedded and indexed (topic <c>chunk-processing</c>, key = chunk id).</summary>
/// <param name="SchemaVersion">The message schema version.</param>
/// <param name="MessageId">The message id (Guid v7).</param>
/// <param name="OccurredAt">When the chunk was cut.</param>
/// <param name="DocumentId">The document.</param>
/// <param name="Collection">The document's collection.</param>
/// <param name="FileName">The document's file name, kept on the chunk for citations.</param>
/// <param name="Ordinal">The chunk's position in the document, from 0.</param>
/// <param name="Text">The chunk's text.</param>
/// <param name="PageStart">The first page the chunk covers.</param>
/// <param name="PageEnd">The last page the chunk covers.</param>
/// <param name="Attempt">Delivery attempt, from 1.</param>
public sealed record ChunkEmbedRequested(
    int SchemaVersion,
    Guid MessageId,
    DateTimeOffset OccurredAt,
    Guid DocumentId,
    string Collection,
    string FileName,
    int Ordinal,
    string Text,
    int PageStart,
    int PageEnd,
    int Attempt)
{
    public const int CurrentSchemaVersion = 1;
}

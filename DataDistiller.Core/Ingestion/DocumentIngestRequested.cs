namespace DataDistiller.Core.Ingestion;

/// <summary>A document was accepted and waits to be split (topic <c>doc-requests</c>, key = document id).</summary>
/// <param name="SchemaVersion">The message schema version.</param>
/// <param name="MessageId">The message id (Guid v7).</param>
/// <param name="OccurredAt">When the document was accepted.</param>
/// <param name="DocumentId">The document.</param>
/// <param name="Collection">The collection it belongs to.</param>
/// <param name="FileName">The client's file name.</param>
/// <param name="BlobKey">Where the raw bytes are (claim check: bytes never travel in messages).</param>
/// <param name="ContentType">One of <see cref="Extraction.DocumentContentTypes"/>.</param>
/// <param name="Sha256">The SHA-256 of the raw bytes.</param>
/// <param name="Attempt">Delivery attempt, from 1.</param>
public sealed record DocumentIngestRequested(
    int SchemaVersion,
    Guid MessageId,
    DateTimeOffset OccurredAt,
    Guid DocumentId,
    string Collection,
    string FileName,
    string BlobKey,
    string ContentType,
    string Sha256,
    int Attempt)
{
    public const int CurrentSchemaVersion = 1;
}

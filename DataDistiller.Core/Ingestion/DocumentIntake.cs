using DataDistiller.Core.Documents;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Accepts a document: stores the raw bytes, writes the job row and publishes the split request. Only fast,
/// durable writes happen here; everything slow happens in the pipeline after the 202. Bytes a live document of the
/// collection already has are not stored twice: the existing document is returned.
/// </summary>
public sealed class DocumentIntake(IBlobStore blobs, IJobStore jobs, IMessageBus bus, TimeProvider timeProvider)
{
    /// <summary>Accepts one document into <paramref name="collection"/> (created on first use).</summary>
    public async Task<IntakeResult> AcceptAsync(string collection, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var documentId = Guid.CreateVersion7(now);
        // The blob key holds only our own identifiers: a client's file name never becomes a path.
        var blob = await blobs.PutAsync($"{collection}/{documentId:N}", content, cancellationToken).ConfigureAwait(false);
        var document = new DocumentRecord
        {
            DocumentId = documentId,
            JobId = Guid.CreateVersion7(now),
            Collection = collection,
            FileName = fileName,
            ContentType = contentType,
            BlobKey = blob.Key,
            SizeBytes = blob.SizeBytes,
            Sha256 = blob.Sha256,
            AcceptedAt = now,
            UpdatedAt = now,
        };

        // Once the bytes are stored the rest is a few fast writes: a client hanging up must not leave a job row
        // without its message, so these ignore the request's cancellation.
        await jobs.EnsureCollectionAsync(collection, CancellationToken.None).ConfigureAwait(false);
        // The SHA-256 is known only once the bytes are stored; the job store's unique (collection, sha256) index then
        // decides, race-safe, whether this is the first live copy.
        var stored = await jobs.CreateAsync(document, CancellationToken.None).ConfigureAwait(false);
        if (stored.DocumentId != documentId)
        {
            await blobs.DeleteAsync(blob.Key, CancellationToken.None).ConfigureAwait(false);
            return new IntakeResult(stored, Duplicate: true);
        }

        var request = new DocumentIngestRequested(
            DocumentIngestRequested.CurrentSchemaVersion, Guid.CreateVersion7(now), now, documentId, collection, fileName,
            blob.Key, contentType, blob.Sha256, Attempt: 1);
        await bus.PublishAsync(Topics.DocRequests, [MessageEnvelope.Create(documentId.ToString(), request)], CancellationToken.None).ConfigureAwait(false);
        return new IntakeResult(document, Duplicate: false);
    }
}

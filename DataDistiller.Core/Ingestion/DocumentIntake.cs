using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Accepts a document in two steps: <see cref="StoreAsync"/> streams the raw bytes into the blob store; <see cref="AcceptAsync"/>
/// then writes the job row and publishes the split request. Only fast, durable writes happen here; everything slow
/// happens in the pipeline after the 202. Bytes a live document of the collection already has are not stored twice:
/// the existing document is returned.
/// </summary>
public sealed partial class DocumentIntake(IBlobStore blobs, IJobStore jobs, IMessageBus bus, TimeProvider timeProvider, ILogger<DocumentIntake> logger)
{
    /// <summary>Stores one file's bytes under a new document id; nothing else exists until <see cref="AcceptAsync"/>.</summary>
    public async Task<StagedUpload> StoreAsync(Stream content, CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var documentId = Guid.CreateVersion7(now);

        // The blob key holds only our own identifiers: a client's file name never becomes a path. The bytes arrive before
        // the request's collection field may, so the key is the day and the id; the job row keeps the key.
        var blob = await blobs.PutAsync($"{now:yyyy-MM-dd}/{documentId:N}", content, cancellationToken).ConfigureAwait(false);
        return new StagedUpload(documentId, blob, startedAt);
    }

    /// <summary>Removes the bytes of an upload that was refused after they were stored.</summary>
    public Task DiscardAsync(StagedUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return DeleteOrphanAsync(upload.Blob.Key);
    }

    /// <summary>Accepts stored bytes as one document of <paramref name="collection"/> (created on first use).</summary>
    public async Task<IntakeResult> AcceptAsync(string collection, string fileName, string contentType, StagedUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var (documentId, blob, startedAt) = upload;
        var now = timeProvider.GetUtcNow();
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
        DocumentRecord stored;
        try
        {
            await jobs.EnsureCollectionAsync(collection, CancellationToken.None).ConfigureAwait(false);
            // The SHA-256 is known only once the bytes are stored; the job store's unique (collection, sha256) index then
            // decides, race-safe, whether this is the first live copy.
            stored = await jobs.CreateAsync(document, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No job row means no document: remove the bytes so a failed upload leaves nothing half-written behind.
            await DeleteOrphanAsync(blob.Key).ConfigureAwait(false);
            throw;
        }

        if (stored.DocumentId != documentId)
        {
            await DeleteOrphanAsync(blob.Key).ConfigureAwait(false);
            IngestionTelemetry.UploadDuration.RecordSince(timeProvider, startedAt);
            return new IntakeResult(stored, Duplicate: true);
        }

        var request = new DocumentIngestRequested(
            DocumentIngestRequested.CurrentSchemaVersion, Guid.CreateVersion7(now), now, documentId, collection, fileName,
            blob.Key, contentType, blob.Sha256, Attempt: 1);
        try
        {
            await bus.PublishAsync(Topics.DocRequests, [MessageEnvelope.Create(documentId.ToString(), request)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job row is durable, so the document is accepted: the stuck-document sweeper publishes its request later.
            LogPublishFailed(logger, ex, documentId);
        }

        IngestionTelemetry.DocumentsAccepted.Add(1);
        IngestionTelemetry.UploadDuration.RecordSince(timeProvider, startedAt);
        return new IntakeResult(document, Duplicate: false);
    }

    private async Task DeleteOrphanAsync(string blobKey)
    {
        try
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogOrphanBlob(logger, ex, blobKey);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Split request of {DocumentId} not published; the stuck-document sweeper will publish it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(LogLevel.Error, "Blob {BlobKey} of a refused upload could not be deleted")]
    private static partial void LogOrphanBlob(ILogger logger, Exception exception, string blobKey);
}

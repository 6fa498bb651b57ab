using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Deletes documents everywhere they live: job rows, blob, and both legs of the chunk index. The document is marked
/// deleted first, so the splitter and embedders drop its in-flight messages (and take out any chunk they wrote late);
/// the rows go last, so a delete interrupted half-way is finished by calling it again.
/// </summary>
public sealed partial class DocumentRemoval(IJobStore jobs, IBlobStore blobs, IChunkIndex index, ILogger<DocumentRemoval> logger)
{
    /// <summary>Deletes one document; false when it is unknown.</summary>
    public async Task<bool> DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await jobs.MarkDeletedAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return false;
        }

        await RemoveAsync(document).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes every document of a collection; returns how many.</summary>
    public async Task<int> DeleteCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        var documents = await jobs.MarkCollectionDeletedAsync(collection, cancellationToken).ConfigureAwait(false);
        foreach (var document in documents)
        {
            await RemoveAsync(document).ConfigureAwait(false);
        }

        return documents.Count;
    }

    // Once marked, the removal runs to the end even if the client hangs up: half-removed documents are what a delete must not leave.
    private async Task RemoveAsync(DocumentRecord document)
    {
        await blobs.DeleteAsync(document.BlobKey, CancellationToken.None).ConfigureAwait(false);
        await index.DeleteDocumentAsync(document.DocumentId, CancellationToken.None).ConfigureAwait(false);
        await jobs.PurgeAsync(document.DocumentId, CancellationToken.None).ConfigureAwait(false);
        LogDeleted(logger, document.DocumentId, document.Collection);
    }

    [LoggerMessage(LogLevel.Information, "Deleted document {DocumentId} of collection {Collection}")]
    private static partial void LogDeleted(ILogger logger, Guid documentId, string collection);
}

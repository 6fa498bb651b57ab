using System.Collections.Concurrent;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Events;

/// <summary>
/// Publishes a <see cref="DocumentChanged"/> right after each state change the job store makes durable. A decorator
/// rather than publishes in the handlers: intake, splitter, embedders, DLQ consumer, replayer, sweeper and delete all
/// change state only through this port, so one class covers every transition and a new handler cannot forget one.
/// Publishing never fails the pipeline: the store is the truth, a lost event only delays a live view.
/// </summary>
public sealed partial class EventPublishingJobStore(
    IJobStore inner, IDocumentEventPublisher publisher, TimeProvider timeProvider, ILogger<EventPublishingJobStore> logger) : IJobStore
{
    // A document's collection and file name never change, so chunk progress (the hot path) needs no read per batch.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<Guid, (string Collection, string FileName)> _identities = new();

    public Task EnsureCollectionAsync(string collection, CancellationToken cancellationToken) =>
        inner.EnsureCollectionAsync(collection, cancellationToken);

    public async Task<DocumentRecord> CreateAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stored = await inner.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (stored.DocumentId == document.DocumentId)
        {
            await PublishAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    public Task<DocumentRecord?> GetAsync(Guid documentId, CancellationToken cancellationToken) =>
        inner.GetAsync(documentId, cancellationToken);

    public Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        inner.ListCollectionsAsync(cancellationToken);

    // The store returns the changed row, so the splitter's two changes per document publish without reading it again.
    public Task<DocumentRecord?> TryStartSplittingAsync(Guid documentId, CancellationToken cancellationToken) =>
        PublishChangedAsync(inner.TryStartSplittingAsync(documentId, cancellationToken), cancellationToken);

    public Task<DocumentRecord?> SetChunksTotalAsync(Guid documentId, int chunksTotal, CancellationToken cancellationToken) =>
        PublishChangedAsync(inner.SetChunksTotalAsync(documentId, chunksTotal, cancellationToken), cancellationToken);

    public Task<IReadOnlySet<int>> GetDoneChunksAsync(Guid documentId, CancellationToken cancellationToken) =>
        inner.GetDoneChunksAsync(documentId, cancellationToken);

    public async Task<IReadOnlyList<DocumentProgress>> MarkChunksDoneAsync(IReadOnlyCollection<ChunkRef> chunks, CancellationToken cancellationToken)
    {
        var touched = await inner.MarkChunksDoneAsync(chunks, cancellationToken).ConfigureAwait(false);
        foreach (var progress in touched)
        {
            await PublishProgressAsync(progress, cancellationToken).ConfigureAwait(false);
        }

        return touched;
    }

    public async Task<bool> MarkFailedAsync(Guid documentId, string reason, CancellationToken cancellationToken)
    {
        var failed = await inner.MarkFailedAsync(documentId, reason, cancellationToken).ConfigureAwait(false);
        if (failed)
        {
            await PublishCurrentAsync(documentId, cancellationToken).ConfigureAwait(false);
        }

        return failed;
    }

    public Task RecordRetryAsync(Guid documentId, CancellationToken cancellationToken) =>
        inner.RecordRetryAsync(documentId, cancellationToken);

    public async Task<bool> ReopenAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var reopened = await inner.ReopenAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (reopened)
        {
            await PublishCurrentAsync(documentId, cancellationToken).ConfigureAwait(false);
        }

        return reopened;
    }

    public Task<IReadOnlyList<DocumentRecord>> ClaimStuckAsync(DateTimeOffset noProgressSince, int limit, CancellationToken cancellationToken) =>
        inner.ClaimStuckAsync(noProgressSince, limit, cancellationToken);

    public Task<DocumentRecord?> MarkDeletedAsync(Guid documentId, CancellationToken cancellationToken) =>
        PublishChangedAsync(inner.MarkDeletedAsync(documentId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<DocumentRecord>> MarkCollectionDeletedAsync(string collection, CancellationToken cancellationToken)
    {
        var deleted = await inner.MarkCollectionDeletedAsync(collection, cancellationToken).ConfigureAwait(false);
        foreach (var document in deleted)
        {
            await PublishAsync(document, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    public async Task PurgeAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await inner.PurgeAsync(documentId, cancellationToken).ConfigureAwait(false);
        _identities.TryRemove(documentId, out _);
    }

    // A change that returns the row it left publishes that row; null means nothing changed.
    private async Task<DocumentRecord?> PublishChangedAsync(Task<DocumentRecord?> change, CancellationToken cancellationToken)
    {
        var changed = await change.ConfigureAwait(false);
        if (changed is not null)
        {
            await PublishAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    private async Task PublishCurrentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        try
        {
            if (await inner.GetAsync(documentId, cancellationToken).ConfigureAwait(false) is { } document)
            {
                await PublishAsync(document, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, documentId);
        }
    }

    private async Task PublishProgressAsync(DocumentProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            if (!_identities.TryGetValue(progress.DocumentId, out var identity))
            {
                if (await inner.GetAsync(progress.DocumentId, cancellationToken).ConfigureAwait(false) is not { } document)
                {
                    return;
                }

                identity = Remember(document);
            }

            await publisher.PublishAsync(
                new DocumentChanged(progress.DocumentId, identity.Collection, identity.FileName, progress.Status, progress.ChunksDone,
                    progress.ChunksTotal, Error: null, timeProvider.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, progress.DocumentId);
        }
    }

    private async Task PublishAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        try
        {
            Remember(document);
            await publisher.PublishAsync(DocumentChanged.From(document, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, document.DocumentId);
        }
    }

    private (string Collection, string FileName) Remember(DocumentRecord document)
    {
        if (_identities.Count >= MaxRemembered)
        {
            _identities.Clear();
        }

        return _identities[document.DocumentId] = (document.Collection, document.FileName);
    }

    [LoggerMessage(LogLevel.Warning, "Could not publish the change of document {DocumentId}; live followers see it late")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid documentId);
}

using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Embeds a batch of chunks in one model call, upserts them into the index under their chunk ids and adds
/// them to their documents' done sets; the last chunk of a document marks it indexed. Chunks of a document deleted
/// while they were being embedded are taken out of the index again, so no late chunk outlives its document.
/// </summary>
public sealed partial class EmbedChunksHandler(
    IJobStore jobs,
    IChunkIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelResolver models,
    TimeProvider timeProvider,
    ILogger<EmbedChunksHandler> logger)
{
    public async Task HandleAsync(IReadOnlyList<ChunkEmbedRequested> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (live, started) = await LiveChunksAsync(batch, cancellationToken).ConfigureAwait(false);
        if (live.Count == 0)
        {
            return;
        }

        var model = models.Resolve();
        foreach (var collection in live.Select(c => c.Collection).Distinct(StringComparer.Ordinal))
        {
            await index.EnsureCollectionAsync(collection, model, cancellationToken).ConfigureAwait(false);
        }

        var embedAt = timeProvider.GetTimestamp();
        var embeddings = await embedder.GenerateAsync(live.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        var points = live.Select((c, i) => new IndexedChunk(
            new ChunkInfo(new ChunkRef(c.DocumentId, c.Ordinal).ChunkId, c.DocumentId, c.Collection, c.FileName, c.Ordinal, c.PageStart, c.PageEnd, c.Text),
            embeddings[i].Vector)).ToList();

        IngestionTelemetry.EmbedBatchDuration.RecordSince(timeProvider, embedAt);

        // IMPORTANT: index first, then the done set: a crash in between re-embeds, never counts an unindexed chunk.
        var upsertAt = timeProvider.GetTimestamp();
        await index.UpsertAsync(points, cancellationToken).ConfigureAwait(false);
        IngestionTelemetry.IndexUpsertDuration.RecordSince(timeProvider, upsertAt);
        IngestionTelemetry.ChunksProcessed.Add(live.Count);
        var progress = await jobs.MarkChunksDoneAsync([.. live.Select(c => new ChunkRef(c.DocumentId, c.Ordinal))], cancellationToken).ConfigureAwait(false);
        foreach (var document in progress.Where(p => p.Status == DocumentStatus.Indexed))
        {
            LogIndexed(logger, document.DocumentId, document.ChunksDone);
            if (started.TryGetValue(document.DocumentId, out var acceptedAt))
            {
                IngestionTelemetry.DocumentsIndexed.Add(1);
                IngestionTelemetry.DocumentDuration.Record((timeProvider.GetUtcNow() - acceptedAt).TotalSeconds);
            }
        }

        await RemoveIfDeletedAsync(live, progress, cancellationToken).ConfigureAwait(false);
    }

    // IMPORTANT: a delete marks the document before it clears the index, and this check reads the status after the upsert
    // (the done-set write reads it, in its own transaction), so either the delete's clear sees these points or this check
    // sees the mark; together they leave no orphan point.
    private async Task RemoveIfDeletedAsync(List<ChunkEmbedRequested> live, IReadOnlyList<DocumentProgress> progress, CancellationToken cancellationToken)
    {
        var statuses = progress.ToDictionary(p => p.DocumentId, p => p.Status);
        foreach (var documentId in live.Select(c => c.DocumentId).Distinct())
        {
            if (!statuses.TryGetValue(documentId, out var status) || status == DocumentStatus.Deleted)
            {
                await index.DeleteDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
                LogRemovedLate(logger, documentId);
            }
        }
    }

    // Chunks of documents that ended (failed), are being deleted or are gone are acknowledged without work. Documents not
    // yet indexed (with their acceptance time) are the ones this batch may finish: a redelivered chunk of an indexed document
    // is re-done but not counted again (two batches finishing one document at the same moment may both count it).
    private async Task<(List<ChunkEmbedRequested> Live, Dictionary<Guid, DateTimeOffset> Started)> LiveChunksAsync(
        IReadOnlyList<ChunkEmbedRequested> batch, CancellationToken cancellationToken)
    {
        var live = new List<ChunkEmbedRequested>(batch.Count);
        var started = new Dictionary<Guid, DateTimeOffset>();
        foreach (var group in batch.GroupBy(c => c.DocumentId))
        {
            var document = await jobs.GetAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (document is null || document.Status is DocumentStatus.Failed or DocumentStatus.Deleted)
            {
                LogDropped(logger, group.Key, group.Count());
                continue;
            }

            live.AddRange(group);
            if (document.Status != DocumentStatus.Indexed)
            {
                started[group.Key] = document.AcceptedAt;
            }
        }

        return (live, started);
    }

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} indexed with {ChunkCount} chunks")]
    private static partial void LogIndexed(ILogger logger, Guid documentId, int chunkCount);

    [LoggerMessage(LogLevel.Information, "Removed the late chunks of deleted document {DocumentId} from the index")]
    private static partial void LogRemovedLate(ILogger logger, Guid documentId);

    [LoggerMessage(LogLevel.Information, "Dropped {ChunkCount} chunks of ended or unknown document {DocumentId}")]
    private static partial void LogDropped(ILogger logger, Guid documentId, int chunkCount);
}

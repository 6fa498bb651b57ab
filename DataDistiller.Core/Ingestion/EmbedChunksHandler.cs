using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Embeds a batch of chunks in one model call, upserts them into the index under their chunk ids and adds
/// them to their documents' done sets; the last chunk of a document marks it indexed.
/// </summary>
public sealed partial class EmbedChunksHandler(
    IJobStore jobs,
    IChunkIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelResolver models,
    ILogger<EmbedChunksHandler> logger)
{
    public async Task HandleAsync(IReadOnlyList<ChunkEmbedRequested> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var live = await LiveChunksAsync(batch, cancellationToken).ConfigureAwait(false);
        if (live.Count == 0)
        {
            return;
        }

        var model = models.Resolve();
        foreach (var collection in live.Select(c => c.Collection).Distinct(StringComparer.Ordinal))
        {
            await index.EnsureCollectionAsync(collection, model, cancellationToken).ConfigureAwait(false);
        }

        var embeddings = await embedder.GenerateAsync(live.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        var points = live.Select((c, i) => new IndexedChunk(
            new ChunkInfo(new ChunkRef(c.DocumentId, c.Ordinal).ChunkId, c.DocumentId, c.Collection, c.FileName, c.Ordinal, c.PageStart, c.PageEnd, c.Text),
            embeddings[i].Vector)).ToList();

        // IMPORTANT: index first, then the done set: a crash in between re-embeds, never counts an unindexed chunk.
        await index.UpsertAsync(points, cancellationToken).ConfigureAwait(false);
        var progress = await jobs.MarkChunksDoneAsync([.. live.Select(c => new ChunkRef(c.DocumentId, c.Ordinal))], cancellationToken).ConfigureAwait(false);
        foreach (var document in progress.Where(p => p.Status == DocumentStatus.Indexed))
        {
            LogIndexed(logger, document.DocumentId, document.ChunksDone);
        }
    }

    // Chunks of documents that ended (failed) or are gone are acknowledged without work.
    private async Task<List<ChunkEmbedRequested>> LiveChunksAsync(IReadOnlyList<ChunkEmbedRequested> batch, CancellationToken cancellationToken)
    {
        var live = new List<ChunkEmbedRequested>(batch.Count);
        foreach (var group in batch.GroupBy(c => c.DocumentId))
        {
            var document = await jobs.GetAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (document is null || document.Status == DocumentStatus.Failed)
            {
                LogDropped(logger, group.Key, group.Count());
                continue;
            }

            live.AddRange(group);
        }

        return live;
    }

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} indexed with {ChunkCount} chunks")]
    private static partial void LogIndexed(ILogger logger, Guid documentId, int chunkCount);

    [LoggerMessage(LogLevel.Information, "Dropped {ChunkCount} chunks of ended or unknown document {DocumentId}")]
    private static partial void LogDropped(ILogger logger, Guid documentId, int chunkCount);
}

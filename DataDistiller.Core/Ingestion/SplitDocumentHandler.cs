using DataDistiller.Core.Chunking;
using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Reads an accepted document, extracts and splits it, records how many chunks it has and publishes one
/// <see cref="ChunkEmbedRequested"/> per chunk. Safe to run twice for the same document: chunk ids are stable
/// and the done set ignores repeats.
/// </summary>
public sealed partial class SplitDocumentHandler(
    IJobStore jobs,
    IBlobStore blobs,
    TextExtractorSelector extractors,
    TextChunker chunker,
    IMessageBus bus,
    TimeProvider timeProvider,
    ILogger<SplitDocumentHandler> logger)
{
    private const int PublishSliceSize = 500;
    private static readonly IReadOnlySet<int> s_noneDone = new HashSet<int>();

    public async Task HandleAsync(DocumentIngestRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await jobs.TryStartSplittingAsync(request.DocumentId, cancellationToken).ConfigureAwait(false) is null)
        {
            LogSkipped(logger, request.DocumentId);
            return;
        }

        // An ExtractionException is permanent: the consumer dead-letters the request and the DLQ consumer fails the document.
        var chunks = await SplitAsync(request, cancellationToken).ConfigureAwait(false);

        // IMPORTANT: the total is durable before any chunk is published, so the last chunk done can always tell it is last.
        if (await jobs.SetChunksTotalAsync(request.DocumentId, chunks.Count, cancellationToken).ConfigureAwait(false) is not { } counted)
        {
            // Deleted or failed while it was being split: its chunks would only be dropped by the embedders.
            LogEndedWhileSplitting(logger, request.DocumentId);
            return;
        }

        // A redelivered request (a crash after publishing) sends only what is not done yet: the embedder is the bottleneck.
        // A first split has nothing done, and the row just written says so without reading the done set.
        var done = counted.ChunksDone == 0
            ? s_noneDone
            : await jobs.GetDoneChunksAsync(request.DocumentId, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        foreach (var slice in chunks.Where(c => !done.Contains(c.Ordinal)).Chunk(PublishSliceSize))
        {
            var messages = slice.Select(chunk => MessageEnvelope.Create(
                new ChunkRef(request.DocumentId, chunk.Ordinal).ChunkId,
                new ChunkEmbedRequested(
                    ChunkEmbedRequested.CurrentSchemaVersion,
                    Guid.CreateVersion7(now),
                    now,
                    request.DocumentId,
                    request.Collection,
                    request.FileName,
                    chunk.Ordinal,
                    chunk.Text,
                    chunk.PageStart,
                    chunk.PageEnd,
                    Attempt: 1))).ToList();
            await bus.PublishAsync(Topics.ChunkProcessing, messages, cancellationToken).ConfigureAwait(false);
        }

        LogSplit(logger, request.DocumentId, chunks.Count);
    }

    private async Task<IReadOnlyList<TextChunk>> SplitAsync(DocumentIngestRequested request, CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetTimestamp();
        Stream content;
        try
        {
            content = await blobs.OpenReadAsync(request.BlobKey, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new ExtractionException("The uploaded file is missing from storage; upload it again.", ex);
        }

        await using (content.ConfigureAwait(false))
        {
            var document = await extractors.Select(request.ContentType).ExtractAsync(content, cancellationToken).ConfigureAwait(false);
            IngestionTelemetry.ExtractionDuration.RecordSince(timeProvider, startedAt);
            var splitAt = timeProvider.GetTimestamp();
            var chunks = document.HasText ? chunker.Split(document) : [];
            IngestionTelemetry.SplitDuration.RecordSince(timeProvider, splitAt);
            return chunks.Count > 0
                ? chunks
                : throw new ExtractionException("No extractable text: the document is empty, or a scanned image that needs OCR first.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} already ended; split request skipped")]
    private static partial void LogSkipped(ILogger logger, Guid documentId);

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} was deleted or failed while it was split; no chunk published")]
    private static partial void LogEndedWhileSplitting(ILogger logger, Guid documentId);

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} split into {ChunkCount} chunks")]
    private static partial void LogSplit(ILogger logger, Guid documentId, int chunkCount);
}

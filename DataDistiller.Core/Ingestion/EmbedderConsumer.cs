using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>Consumes <c>chunk-processing</c> in the embedders group, in batches, with configurable concurrency.</summary>
public sealed class EmbedderConsumer(
    IMessageBus bus,
    EmbedChunksHandler handler,
    IJobStore jobs,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<EmbedderConsumer> logger) : ConsumerService(bus, options, timeProvider, logger)
{
    protected override string Topic => Topics.ChunkProcessing;

    protected override string Group => ConsumerGroups.Embedders;

    protected override int Concurrency => Options.EmbedderConcurrency;

    protected override int BatchSize => Options.EmbedBatchSize;

    protected override TimeSpan BatchWait => Options.EmbedBatchWait;

    // An unreadable message is dropped on its own (logged), never failing the chunks that share its batch.
    protected override Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken) =>
        handler.HandleAsync([.. batch.Select(TryRead<ChunkEmbedRequested>).OfType<ChunkEmbedRequested>()], cancellationToken);

    protected override async Task GiveUpAsync(IReadOnlyList<ConsumedMessage> batch, Exception failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        // A model mismatch is the operator's to fix and its message says how; anything else is in the logs.
        var reason = failure is EmbeddingModelMismatchException mismatch
            ? mismatch.Reason
            : $"Embedding failed after {Options.MaxAttempts} attempts ({failure.GetType().Name}); see the service logs and upload again.";
        foreach (var documentId in batch.Select(TryRead<ChunkEmbedRequested>).OfType<ChunkEmbedRequested>().Select(c => c.DocumentId).Distinct())
        {
            await jobs.MarkFailedAsync(documentId, reason, cancellationToken).ConfigureAwait(false);
        }
    }
}

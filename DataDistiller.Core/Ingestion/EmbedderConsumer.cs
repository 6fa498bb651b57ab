using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>Consumes <c>chunk-processing</c> in the embedders group, in batches, with configurable concurrency.</summary>
public sealed class EmbedderConsumer(
    IMessageBus bus,
    EmbedChunksHandler handler,
    FailedMessageRouter failures,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<EmbedderConsumer> logger) : ConsumerService(bus, failures, options, timeProvider, logger)
{
    protected override string Topic => Topics.ChunkProcessing;

    protected override string Group => ConsumerGroups.Embedders;

    protected override string Stage => "Embedding";

    protected override int Concurrency => Options.EmbedderConcurrency;

    protected override int BatchSize => Options.EmbedBatchSize;

    protected override TimeSpan BatchWait => Options.EmbedBatchWait;

    // An unreadable message fails its batch, which is then halved until the poison is alone and dead-lettered.
    protected override Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken) =>
        handler.HandleAsync([.. batch.Select(Read<ChunkEmbedRequested>)], cancellationToken);

    protected override Guid? DocumentIdOf(ConsumedMessage message) => TryRead<ChunkEmbedRequested>(message)?.DocumentId;
}

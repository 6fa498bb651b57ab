using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>Consumes <c>doc-requests</c> in the splitter group, one document at a time.</summary>
public sealed class SplitterConsumer(
    IMessageBus bus,
    SplitDocumentHandler handler,
    FailedMessageRouter failures,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<SplitterConsumer> logger) : ConsumerService(bus, failures, options, timeProvider, logger)
{
    protected override string Topic => Topics.DocRequests;

    protected override string Group => ConsumerGroups.Splitter;

    protected override string Stage => "Splitting";

    protected override async Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            await handler.HandleAsync(Read<DocumentIngestRequested>(message), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Guid? DocumentIdOf(ConsumedMessage message) => TryRead<DocumentIngestRequested>(message)?.DocumentId;
}

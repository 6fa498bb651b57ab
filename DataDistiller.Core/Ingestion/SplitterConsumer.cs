using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>Consumes <c>doc-requests</c> in the splitter group, one document at a time.</summary>
public sealed class SplitterConsumer(
    IMessageBus bus,
    SplitDocumentHandler handler,
    IJobStore jobs,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<SplitterConsumer> logger) : ConsumerService(bus, options, timeProvider, logger)
{
    protected override string Topic => Topics.DocRequests;

    protected override string Group => ConsumerGroups.Splitter;

    protected override async Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var request in batch.Select(TryRead<DocumentIngestRequested>).OfType<DocumentIngestRequested>())
        {
            await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task GiveUpAsync(IReadOnlyList<ConsumedMessage> batch, Exception failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        foreach (var message in batch)
        {
            if (TryRead<DocumentIngestRequested>(message) is { } request)
            {
                var reason = $"Splitting failed after {Options.MaxAttempts} attempts ({failure.GetType().Name}); see the service logs and upload again.";
                await jobs.MarkFailedAsync(request.DocumentId, reason, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

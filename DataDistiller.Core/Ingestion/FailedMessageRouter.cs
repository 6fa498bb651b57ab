using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Ingestion;

/// <summary>Where a failed message goes next: back to its topic for a later attempt, or to its dead-letter topic.</summary>
public sealed class FailedMessageRouter(IMessageBus bus, IJobStore jobs, TimeProvider timeProvider)
{
    /// <summary>Counts a retry on the document, so its status shows how hard its ingestion was.</summary>
    public Task RecordRetryAsync(Guid? documentId, CancellationToken cancellationToken) =>
        documentId is { } id ? jobs.RecordRetryAsync(id, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Publishes the message again, unchanged but for its retry headers, to be processed not before <paramref name="notBefore"/>.
    /// The caller commits the original only after this returns: a crash in between redelivers both, which handlers tolerate.
    /// </summary>
    public Task RedeliverAsync(
        ConsumedMessage message, int nextAttempt, DateTimeOffset firstFailedAt, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = DeliveryHeaders.ForRedelivery(message.Headers, nextAttempt, firstFailedAt, notBefore);
        return bus.PublishAsync(message.Topic, [new OutgoingMessage(message.Key, message.Value, headers)], cancellationToken);
    }

    /// <summary>Publishes the message with its failure to <c>&lt;topic&gt;.dlq</c>; durable when this returns.</summary>
    public Task DeadLetterAsync(
        ConsumedMessage message, Guid? documentId, MessageFailure failure, int attempts, DateTimeOffset firstFailedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(failure);
        var now = timeProvider.GetUtcNow();
        var letter = new DeadLetter(
            DeadLetter.CurrentSchemaVersion, Guid.CreateVersion7(now), message.Topic, message.Key, documentId, failure.ErrorType, failure.Reason,
            attempts, firstFailedAt, now, message.Value, DeliveryHeaders.WithoutRetryState(message.Headers));
        return bus.PublishAsync(
            Topics.DeadLetterOf(message.Topic), [MessageEnvelope.Create(documentId?.ToString() ?? message.Key, letter)], cancellationToken);
    }
}

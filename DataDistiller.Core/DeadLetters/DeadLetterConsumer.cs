using System.Text.Json;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.DeadLetters;

/// <summary>
/// Consumes every <c>&lt;topic&gt;.dlq</c> in the <c>dlq</c> group: fails the document with the dead letter's reason and
/// keeps the letter in the dead-letter store for inspection and replay. It never gives up: a dead letter is the last
/// copy of the work, so a store that is down is retried until it is back.
/// </summary>
public sealed partial class DeadLetterConsumer(
    IMessageBus bus,
    IDeadLetterStore store,
    IJobStore jobs,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<DeadLetterConsumer> logger) : BackgroundService
{
    private const int BatchSize = 32;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Topics.WithDeadLetters.Select(topic => RunAsync(Topics.DeadLetterOf(topic), stoppingToken)));

    private async Task RunAsync(string topic, CancellationToken stoppingToken)
    {
        var consumer = bus.Subscribe(topic, ConsumerGroups.DeadLetters);
        await using (consumer.ConfigureAwait(false))
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var batch = await consumer.ConsumeAsync(BatchSize, TimeSpan.Zero, stoppingToken).ConfigureAwait(false);
                    foreach (var message in batch)
                    {
                        await RecordAsync(message, stoppingToken).ConfigureAwait(false);
                    }

                    // IMPORTANT: commit only once every letter of the batch is in the store.
                    await consumer.CommitAsync(batch, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task RecordAsync(ConsumedMessage message, CancellationToken stoppingToken)
    {
        DeadLetter letter;
        try
        {
            letter = MessageEnvelope.Read<DeadLetter>(message);
        }
        catch (JsonException ex)
        {
            // Only our own consumers write here; an unreadable letter has nothing to replay.
            LogUnreadable(logger, ex, message.Topic, message.Partition, message.Offset);
            return;
        }

        // A document fails once however many dead letters it gets (one per failed chunk, again on a redelivery): only the
        // call that moved it to failed counts it, remembered across attempts so a retry after a store error still does.
        var documentFailed = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // IMPORTANT: the letter is stored before the document is failed, so a failed document always has a letter
                // to replay (the owner's retry would otherwise answer "discarded"). A crash in between leaves the letter
                // stored and the document in progress, but the message is not committed yet: DLQ consumption is
                // at-least-once, so the redelivery adds the letter again (a no-op, same id) and then fails the document.
                await store.AddAsync(letter, stoppingToken).ConfigureAwait(false);
                if (letter.DocumentId is { } documentId)
                {
                    documentFailed |= await jobs.MarkFailedAsync(documentId, letter.Reason, stoppingToken).ConfigureAwait(false);
                }

                RecordMetrics(letter, documentFailed);
                LogRecorded(logger, letter.Id, letter.Topic, letter.DocumentId, letter.ErrorType);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = RetryDelay.For(attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay);
                LogRetrying(logger, ex, letter.Id, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static void RecordMetrics(DeadLetter letter, bool documentFailed)
    {
        var errorType = new KeyValuePair<string, object?>(IngestionTelemetry.ErrorTypeTag, letter.ErrorType);
        DeadLetterTelemetry.Recorded.Add(1, new KeyValuePair<string, object?>(IngestionTelemetry.TopicTag, letter.Topic), errorType);
        if (documentFailed)
        {
            IngestionTelemetry.DocumentsFailed.Add(1, errorType);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Dead letter {DeadLetterId} of {Topic} recorded (document {DocumentId}, {ErrorType})")]
    private static partial void LogRecorded(ILogger logger, Guid deadLetterId, string topic, Guid? documentId, string errorType);

    [LoggerMessage(LogLevel.Warning, "Recording dead letter {DeadLetterId} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid deadLetterId, int attempt, double delayMs);

    [LoggerMessage(LogLevel.Error, "Unreadable dead letter {Topic}/{Partition}/{Offset} skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string topic, int partition, long offset);
}

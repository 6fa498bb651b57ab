using System.Diagnostics;
using System.Text.Json;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// A consumer-group member loop: consume a batch, process it with bounded retries, and commit only after
/// the work is durable. Stopping takes no new batch and gives the batch in hand <see cref="IngestionOptions.ShutdownGrace"/>
/// to finish and be committed; past that it is cancelled uncommitted (handed back) and redelivered after the restart.
/// </summary>
/// <remarks>
/// A failing message gets <see cref="IngestionOptions.InPlaceAttempts"/> quick attempts; then, rather than hold its
/// partition through a long backoff, it is published again to its own topic with the next attempt number and a
/// not-before time in its headers, and the original is committed. It lands behind the messages already queued, so by
/// the time a consumer reaches it the delay has mostly passed; the consumer waits out the rest (at most
/// <see cref="IngestionOptions.RetryMaxDelay"/>). After <see cref="IngestionOptions.MaxAttempts"/>, or at once for a
/// permanent error, it goes to <c>&lt;topic&gt;.dlq</c>.
/// </remarks>
public abstract partial class ConsumerService(
    IMessageBus bus,
    FailedMessageRouter failures,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger logger) : BackgroundService
{
    protected IngestionOptions Options { get; } = options.Value;

    protected abstract string Topic { get; }

    protected abstract string Group { get; }

    protected virtual int Concurrency => 1;

    protected virtual int BatchSize => 1;

    protected virtual TimeSpan BatchWait => TimeSpan.Zero;

    /// <summary>What the consumer does, for failure reasons ("Splitting", "Embedding").</summary>
    protected abstract string Stage { get; }

    /// <summary>Does the work of a batch durably; throws to have it retried (<see cref="PoisonMessageException"/> for unreadable messages).</summary>
    protected abstract Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken);

    /// <summary>The document a message is about; null when the message cannot be read.</summary>
    protected abstract Guid? DocumentIdOf(ConsumedMessage message);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RunMemberAsync(stoppingToken)));

    private async Task RunMemberAsync(CancellationToken stoppingToken)
    {
        var consumer = bus.Subscribe(Topic, Group);
        var tags = IngestionTelemetry.ConsumerTags(Topic, Group);
        IngestionTelemetry.WorkerMembers.Add(1, tags);
        await using (consumer.ConfigureAwait(false))
        {
            // Stopping cancels taking batches at once but the work in hand only after the grace period: work finished in
            // time is committed (not done twice after the restart), work cut off is not committed (not lost).
            using var work = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
            using var stopping = stoppingToken.Register(() => work.CancelAfter(Options.ShutdownGrace));
            IReadOnlyList<ConsumedMessage> batch = [];
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    batch = await consumer.ConsumeAsync(BatchSize, BatchWait, stoppingToken).ConfigureAwait(false);
                    // A redelivered message not yet due waits here; stopping meanwhile hands it back uncommitted.
                    await WaitUntilDueAsync(batch, stoppingToken).ConfigureAwait(false);
                    // Busy time is the work alone: waiting for messages or a redelivery's due time is idle.
                    var busyFrom = timeProvider.GetTimestamp();
                    try
                    {
                        await ProcessOrHandOffAsync(batch, work.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        IngestionTelemetry.WorkerBusyTime.Add(timeProvider.GetElapsedTime(busyFrom).TotalSeconds, tags);
                    }

                    // IMPORTANT: commit after the work (or the redelivery or dead letter) is durable, or a crash loses it.
                    await consumer.CommitAsync(batch, work.Token).ConfigureAwait(false);
                    batch = [];
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (batch.Count > 0)
                {
                    LogHandedBack(logger, batch.Count, Topic, Options.ShutdownGrace.TotalMilliseconds);
                }
            }
            finally
            {
                IngestionTelemetry.WorkerMembers.Add(-1, tags);
            }

            LogStopped(logger, Topic, Group);
        }
    }

    private async Task WaitUntilDueAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken stoppingToken)
    {
        var due = batch.Max(DeliveryHeaders.NotBeforeOf);
        if (due is { } notBefore && notBefore - timeProvider.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    // One bad chunk must not fail its neighbours: a failed batch is halved until each failure is one message.
    private async Task ProcessOrHandOffAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 1)
        {
            await ProcessOneAsync(batch[0], stoppingToken).ConfigureAwait(false);
            return;
        }

        if (await TryProcessAsync(batch, stoppingToken).ConfigureAwait(false) is not { } error)
        {
            return;
        }

        LogSplitting(logger, error, Topic, batch.Count);
        var half = batch.Count / 2;
        await ProcessOrHandOffAsync(batch.Take(half).ToList(), stoppingToken).ConfigureAwait(false);
        await ProcessOrHandOffAsync(batch.Skip(half).ToList(), stoppingToken).ConfigureAwait(false);
    }

    private async Task ProcessOneAsync(ConsumedMessage message, CancellationToken stoppingToken)
    {
        var attempt = DeliveryHeaders.AttemptOf(message);
        var firstFailedAt = DeliveryHeaders.FirstFailedAtOf(message);
        for (var inPlace = 1; ; inPlace++, attempt++)
        {
            if (await TryProcessAsync([message], stoppingToken).ConfigureAwait(false) is not { } error)
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            firstFailedAt ??= now;
            var failure = MessageFailure.Classify(error, Stage, attempt);
            IngestionTelemetry.Errors.Add(1, new TagList { { IngestionTelemetry.StageTag, Stage }, { IngestionTelemetry.ErrorTypeTag, failure.ErrorType } });
            var documentId = DocumentIdOf(message);
            if (failure.IsPermanent || attempt >= Options.MaxAttempts)
            {
                LogDeadLettered(logger, error, Topic, message.Partition, message.Offset, attempt, failure.IsPermanent);
                await failures.DeadLetterAsync(message, documentId, failure, attempt, firstFailedAt.Value, stoppingToken).ConfigureAwait(false);
                return;
            }

            await failures.RecordRetryAsync(documentId, stoppingToken).ConfigureAwait(false);
            var delay = RetryDelay.For(attempt, Options.RetryBaseDelay, Options.RetryMaxDelay);
            if (inPlace >= Options.InPlaceAttempts)
            {
                LogRedelivering(logger, error, Topic, attempt, delay.TotalMilliseconds);
                await failures.RedeliverAsync(message, attempt + 1, firstFailedAt.Value, now + delay, stoppingToken).ConfigureAwait(false);
                return;
            }

            LogRetrying(logger, error, Topic, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<Exception?> TryProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken stoppingToken)
    {
        using var activity = StartActivity(batch);
        try
        {
            await ProcessAsync(batch, stoppingToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return ex;
        }
    }

    /// <summary>Reads a message; an unreadable one throws <see cref="PoisonMessageException"/>, so it is dead-lettered on its own.</summary>
    protected static T Read<T>(ConsumedMessage message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return MessageEnvelope.Read<T>(message);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"Message {message.Topic}/{message.Partition}/{message.Offset} is not a {typeof(T).Name}.", ex);
        }
    }

    /// <summary>Reads a message for its document id; an unreadable (poison) message yields null.</summary>
    protected static T? TryRead<T>(ConsumedMessage message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return MessageEnvelope.Read<T>(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Activity? StartActivity(IReadOnlyList<ConsumedMessage> batch) =>
        batch.Count == 1
            ? MessageEnvelope.StartProcessActivity(IngestionTelemetry.ActivitySource, batch[0])
            : MessageEnvelope.StartBatchActivity(IngestionTelemetry.ActivitySource, batch);

    [LoggerMessage(LogLevel.Warning, "{Count} messages of {Topic} not finished within the {GraceMs} ms shutdown grace; handed back uncommitted for redelivery")]
    private static partial void LogHandedBack(ILogger logger, int count, string topic, double graceMs);

    [LoggerMessage(LogLevel.Information, "Consumer of {Topic} in group {Group} stopped")]
    private static partial void LogStopped(ILogger logger, string topic, string group);

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} messages of {Topic} failed; retrying it in halves")]
    private static partial void LogSplitting(ILogger logger, Exception exception, string topic, int count);

    [LoggerMessage(LogLevel.Warning, "A message of {Topic} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string topic, int attempt, double delayMs);

    [LoggerMessage(LogLevel.Warning, "A message of {Topic} failed (attempt {Attempt}); redelivering it in {DelayMs} ms")]
    private static partial void LogRedelivering(ILogger logger, Exception exception, string topic, int attempt, double delayMs);

    [LoggerMessage(LogLevel.Error, "Message {Topic}/{Partition}/{Offset} dead-lettered after {Attempt} attempts (permanent: {Permanent})")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string topic, int partition, long offset, int attempt, bool permanent);
}

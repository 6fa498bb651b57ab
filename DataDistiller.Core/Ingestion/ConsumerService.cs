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
public abstract partial class ConsumerService(
    IMessageBus bus,
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

    /// <summary>Does the work of a batch durably; throws to have it retried.</summary>
    protected abstract Task ProcessAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken cancellationToken);

    /// <summary>Records that a batch failed every attempt, so no document waits for it forever.</summary>
    protected abstract Task GiveUpAsync(IReadOnlyList<ConsumedMessage> batch, Exception failure, CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RunMemberAsync(stoppingToken)));

    private async Task RunMemberAsync(CancellationToken stoppingToken)
    {
        var consumer = bus.Subscribe(Topic, Group);
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
                    await ProcessWithRetriesAsync(batch, work.Token).ConfigureAwait(false);
                    // IMPORTANT: commit after the work (or the give-up record) is durable, or a crash loses it.
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

            LogStopped(logger, Topic, Group);
        }
    }

    private async Task ProcessWithRetriesAsync(IReadOnlyList<ConsumedMessage> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var activity = StartActivity(batch);
            try
            {
                await ProcessAsync(batch, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                if (attempt >= Options.MaxAttempts)
                {
                    LogGaveUp(logger, ex, Topic, batch.Count, attempt);
                    await GiveUpAsync(batch, ex, stoppingToken).ConfigureAwait(false);
                    return;
                }

                var delay = RetryDelay.For(attempt, Options.RetryBaseDelay, Options.RetryMaxDelay);
                LogRetrying(logger, ex, Topic, batch.Count, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads a message for a give-up record; an unreadable (poison) message is logged and yields null.</summary>
    protected T? TryRead<T>(ConsumedMessage message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return MessageEnvelope.Read<T>(message);
        }
        catch (JsonException ex)
        {
            LogPoison(logger, ex, message.Topic, message.Partition, message.Offset);
            return null;
        }
    }

    private static Activity? StartActivity(IReadOnlyList<ConsumedMessage> batch) =>
        batch.Count == 1
            ? MessageEnvelope.StartProcessActivity(IngestionTelemetry.ActivitySource, batch[0])
            : MessageEnvelope.StartBatchActivity(IngestionTelemetry.ActivitySource, batch);

    [LoggerMessage(LogLevel.Error, "Unreadable message {Topic}/{Partition}/{Offset} dropped")]
    private static partial void LogPoison(ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(LogLevel.Warning, "{Count} messages of {Topic} not finished within the {GraceMs} ms shutdown grace; handed back uncommitted for redelivery")]
    private static partial void LogHandedBack(ILogger logger, int count, string topic, double graceMs);

    [LoggerMessage(LogLevel.Information, "Consumer of {Topic} in group {Group} stopped")]
    private static partial void LogStopped(ILogger logger, string topic, string group);

    [LoggerMessage(LogLevel.Warning, "Processing {Count} messages of {Topic} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string topic, int count, int attempt, double delayMs);

    [LoggerMessage(LogLevel.Error, "Processing {Count} messages of {Topic} failed after {Attempt} attempts; giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string topic, int count, int attempt);
}

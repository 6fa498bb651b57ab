using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// One member of a consumer group on Kafka. Offsets are committed only through <see cref="CommitAsync"/>, after the
/// caller's work is durable; whatever is not committed is delivered again to whichever member owns the partition next.
/// </summary>
internal sealed partial class KafkaMessageConsumer : IMessageConsumer
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly string _topic;
    private readonly string _group;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, long> _committed = new();
    private readonly ConcurrentDictionary<int, long> _lag = new();

    public KafkaMessageConsumer(ConsumerConfig config, string topic, TimeProvider timeProvider, ILogger logger)
    {
        _topic = topic;
        _group = config.GroupId;
        _timeProvider = timeProvider;
        _logger = logger;
        _consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, error) => LogClientError(_logger, _group, error.Code, error.Reason))
            .Build();
        _consumer.Subscribe(topic);
        KafkaTelemetry.Track(this);
    }

    /// <summary>Lag per assigned partition as last computed on this consumer's own thread (librdkafka's handle is not shared).</summary>
    internal IEnumerable<Measurement<long>> Lag() =>
        _lag.Select(p => new Measurement<long>(
            p.Value,
            new("messaging.system", "kafka"),
            new("messaging.destination.name", _topic),
            new("messaging.consumer.group.name", _group),
            new("messaging.destination.partition.id", p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    // librdkafka's Consume blocks its thread, so a batch is gathered on a pool thread, not on the caller's.
    public Task<IReadOnlyList<ConsumedMessage>> ConsumeAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        return Task.Run<IReadOnlyList<ConsumedMessage>>(() => ConsumeBatch(maxMessages, maxWait, cancellationToken), cancellationToken);
    }

    public Task CommitAsync(IReadOnlyList<ConsumedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Kafka's committed offset is the next one to read.
        var offsets = messages
            .GroupBy(m => (m.Topic, m.Partition))
            .Select(g => new TopicPartitionOffset(g.Key.Topic, g.Key.Partition, g.Max(m => m.Offset) + 1))
            .ToList();
        return Task.Run(() => Commit(offsets, messages.Count), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        KafkaTelemetry.Untrack(this);
        // Close leaves the group at once (so its partitions move now, not after the session timeout) and blocks meanwhile.
        await Task.Run(() =>
        {
            try
            {
                _consumer.Close();
            }
            finally
            {
                _consumer.Dispose();
            }
        }).ConfigureAwait(false);
    }

    private List<ConsumedMessage> ConsumeBatch(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var batch = new List<ConsumedMessage>(maxMessages);
        while (batch.Count == 0)
        {
            Add(batch, _consumer.Consume(cancellationToken));
        }

        // What is fetched is handed out even when the wait is cancelled: an unreturned message would never be committed.
        var deadline = _timeProvider.GetUtcNow() + maxWait;
        while (batch.Count < maxMessages && !cancellationToken.IsCancellationRequested)
        {
            var left = deadline - _timeProvider.GetUtcNow();
            var result = _consumer.Consume(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            if (result is null)
            {
                break;
            }

            Add(batch, result);
        }

        // Until this member commits on a partition, its lag counts from the first offset it was handed there: where the
        // group's commit stood. The fetch position would count what was handed out but not committed as done.
        foreach (var partition in batch.GroupBy(m => m.Partition))
        {
            _committed.TryAdd(partition.Key, partition.Min(m => m.Offset));
        }

        RecordReceive(batch);
        UpdateLag();
        return batch;
    }

    private void RecordReceive(List<ConsumedMessage> batch)
    {
        var links = batch
            .Select(m => KafkaTraceHeaders.Extract(m.Headers))
            .Where(c => c != default)
            .Select(c => new ActivityLink(c))
            .ToList();
        using var activity = KafkaTelemetry.Source.StartActivity(ActivityKind.Consumer, links: links, name: $"{_topic} receive");
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", _topic);
        activity?.SetTag("messaging.consumer.group.name", _group);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        KafkaTelemetry.Consumed.Add(batch.Count, new KeyValuePair<string, object?>("messaging.destination.name", _topic));
    }

    // Lag = high-water mark (cached by librdkafka from fetch responses, no broker call) minus this member's last committed
    // offset; a partition it has not committed on yet counts from its fetch position, which starts at the group's commit.
    private void UpdateLag()
    {
        try
        {
            ComputeLag();
        }
        catch (KafkaException e)
        {
            // A gauge must never cost a batch: the lag is stale until the next batch or commit.
            LogLagUnavailable(_logger, _group, _topic, e.Error.Code);
        }
    }

    private void ComputeLag()
    {
        var assigned = _consumer.Assignment;
        foreach (var partition in _lag.Keys.Where(p => !assigned.Exists(a => a.Partition.Value == p)))
        {
            _lag.TryRemove(partition, out _);
            // A partition that comes back after a rebalance starts from the group's commit of then, not from ours.
            _committed.TryRemove(partition, out _);
        }

        foreach (var partition in assigned)
        {
            var high = _consumer.GetWatermarkOffsets(partition).High;
            if (high == Offset.Unset)
            {
                continue;
            }

            var committed = _committed.TryGetValue(partition.Partition.Value, out var known) ? known : _consumer.Position(partition).Value;
            if (committed >= 0)
            {
                _lag[partition.Partition.Value] = Math.Max(0, high.Value - committed);
            }
        }
    }

    private static void Add(List<ConsumedMessage> batch, ConsumeResult<string, byte[]>? result)
    {
        if (result?.Message is not { } message)
        {
            return;
        }

        batch.Add(new ConsumedMessage(
            result.Topic, result.Partition.Value, result.Offset.Value, message.Key ?? string.Empty, message.Value ?? [], KafkaTraceHeaders.Read(message.Headers)));
    }

    private void Commit(List<TopicPartitionOffset> offsets, int count)
    {
        try
        {
            _consumer.Commit(offsets);
            KafkaTelemetry.Committed.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", _topic));
            foreach (var offset in offsets)
            {
                _committed[offset.Partition.Value] = offset.Offset.Value;
            }

            UpdateLag();
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId or ErrorCode.Local_State)
        {
            // The partition moved to another member during the work; it will redeliver what this commit covered (at-least-once).
            LogCommitLost(_logger, _group, _topic, e.Error.Code);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Kafka consumer of group {Group}: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string group, ErrorCode code, string reason);

    [LoggerMessage(LogLevel.Debug, "Lag of group {Group} on {Topic} not computed ({Code})")]
    private static partial void LogLagUnavailable(ILogger logger, string group, string topic, ErrorCode code);

    [LoggerMessage(LogLevel.Warning, "Group {Group} lost a partition of {Topic} before committing ({Code}); its messages will be redelivered")]
    private static partial void LogCommitLost(ILogger logger, string group, string topic, ErrorCode code);
}

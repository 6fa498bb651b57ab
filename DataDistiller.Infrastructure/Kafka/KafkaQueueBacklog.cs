using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// A group's backlog on a Kafka topic: its committed offset per partition (admin API) and the timestamp of the message
/// at that offset, read by a probe consumer that is only ever assigned partitions and never commits.
/// </summary>
public sealed class KafkaQueueBacklog : IQueueBacklog, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly Lazy<IAdminClient> _admin;
    private readonly Lazy<IConsumer<Ignore, Ignore>> _probe;
    private readonly Lock _probeLock = new();

    public KafkaQueueBacklog(KafkaProducerSettings producerSettings, KafkaConsumerSettings consumerSettings)
    {
        ArgumentNullException.ThrowIfNull(producerSettings);
        ArgumentNullException.ThrowIfNull(consumerSettings);
        _admin = new(() => new AdminClientBuilder(producerSettings.ToProducerConfig()).Build());
        _probe = new(() => new ConsumerBuilder<Ignore, Ignore>(consumerSettings.ToConsumerConfig($"datadistiller-backlog-probe-{Guid.NewGuid():N}")).Build());
    }

    public async Task<DateTimeOffset?> OldestUnconsumedAsync(string topic, string group, CancellationToken cancellationToken)
    {
        var metadata = await Task.Run(() => _admin.Value.GetMetadata(topic, s_timeout), cancellationToken).ConfigureAwait(false);
        var partitions = metadata.Topics.Where(t => t.Topic == topic).SelectMany(t => t.Partitions)
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        if (partitions.Count == 0)
        {
            return null;
        }

        var committed = await _admin.Value.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions(group, partitions)], new ListConsumerGroupOffsetsOptions { RequestTimeout = s_timeout }).ConfigureAwait(false);
        return await Task.Run(() => Oldest(committed.SelectMany(g => g.Partitions), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_probe.IsValueCreated)
        {
            _probe.Value.Close();
            _probe.Value.Dispose();
        }

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private DateTimeOffset? Oldest(IEnumerable<TopicPartitionOffsetError> committed, CancellationToken cancellationToken)
    {
        DateTimeOffset? oldest = null;
        lock (_probeLock)
        {
            foreach (var partition in committed)
            {
                var watermarks = _probe.Value.QueryWatermarkOffsets(partition.TopicPartition, s_timeout);
                // A group that never committed starts at the oldest message (AutoOffsetReset.Earliest), as do offsets
                // that retention has already removed.
                var next = partition.Offset == Offset.Unset || partition.Offset < watermarks.Low ? watermarks.Low : partition.Offset;
                if (next >= watermarks.High)
                {
                    continue;
                }

                var published = TimestampAt(new TopicPartitionOffset(partition.TopicPartition, next), cancellationToken);
                if (published is { } at && (oldest is null || at < oldest))
                {
                    oldest = at;
                }
            }
        }

        return oldest;
    }

    private DateTimeOffset? TimestampAt(TopicPartitionOffset position, CancellationToken cancellationToken)
    {
        var probe = _probe.Value;
        probe.Assign(position);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            var result = probe.Consume(timeout.Token);
            return result?.Message is { } message && message.Timestamp.Type != TimestampType.NotAvailable ? message.Timestamp.UtcDateTime : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The message was compacted or deleted between the watermark query and the read: nothing to report for it.
            return null;
        }
        finally
        {
            probe.Unassign();
        }
    }
}

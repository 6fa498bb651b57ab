using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>The Kafka adapter's traces and meters, picked up by ServiceDefaults' <c>DataDistiller.*</c> wildcard.</summary>
internal static class KafkaTelemetry
{
    public const string Name = "DataDistiller.Kafka";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    public static readonly Counter<long> Produced = s_meter.CreateCounter<long>("messaging.kafka.produced", "{message}", "Messages the broker acknowledged.");

    public static readonly Counter<long> Consumed = s_meter.CreateCounter<long>("messaging.kafka.consumed", "{message}", "Messages handed to consumers.");

    public static readonly Counter<long> Committed = s_meter.CreateCounter<long>("messaging.kafka.committed", "{message}", "Messages whose offsets were committed.");

    private static readonly ConcurrentDictionary<KafkaMessageConsumer, byte> s_consumers = new();

    // Same name and tags as the embedded bus's backlog, so dashboards and alerts need not know the mode.
    private static readonly ObservableGauge<long> s_lag = s_meter.CreateObservableGauge(
        "messaging.consumer.lag", () => s_consumers.Keys.SelectMany(c => c.Lag()).ToList(), "{message}",
        "Messages between a group's committed offset and the partition's high-water mark.");

    /// <summary>Reports <paramref name="consumer"/>'s lag until <see cref="Untrack"/>.</summary>
    public static void Track(KafkaMessageConsumer consumer)
    {
        _ = s_lag;
        s_consumers.TryAdd(consumer, 0);
    }

    public static void Untrack(KafkaMessageConsumer consumer) => s_consumers.TryRemove(consumer, out _);
}

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
}

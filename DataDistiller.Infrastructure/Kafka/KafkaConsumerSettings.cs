using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// The consumers' settings, bound like Aspire.Confluent.Kafka's: <c>ConnectionStrings:{name}</c> and
/// <c>Aspire:Confluent:Kafka:Consumer</c> (then <c>...:Consumer:{name}</c>), with librdkafka settings under <c>Config</c>.
/// </summary>
public sealed class KafkaConsumerSettings
{
    public const string SectionName = "Aspire:Confluent:Kafka:Consumer";

    /// <summary>The bootstrap servers, e.g. <c>localhost:9092</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka consumer settings; the group id is the one the caller subscribes with.</summary>
    public ConsumerConfig Config { get; set; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    /// <summary>The settings for <paramref name="connectionName"/>.</summary>
    public static KafkaConsumerSettings Read(IConfiguration configuration, string connectionName)
    {
        var settings = new KafkaConsumerSettings();
        KafkaConfigBinder.Bind(configuration, SectionName, connectionName, settings, settings.Config);
        settings.ConnectionString ??= configuration.GetConnectionString(connectionName);
        return settings;
    }

    /// <summary>
    /// The configuration of one member of <paramref name="group"/>: offsets are committed only by the caller (after
    /// durable work), a new group starts at the oldest message, and a rebalance moves only the partitions it must.
    /// </summary>
    public ConsumerConfig ToConsumerConfig(string group)
    {
        var config = new ConsumerConfig(Config.ToDictionary(p => p.Key, p => p.Value))
        {
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        };
        config.BootstrapServers ??= ConnectionString
            ?? throw new InvalidOperationException("Kafka needs bootstrap servers: set ConnectionStrings:kafka or Config:BootstrapServers.");
        return config;
    }
}

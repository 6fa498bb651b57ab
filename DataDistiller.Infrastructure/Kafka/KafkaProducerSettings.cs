using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// The producer's settings, bound like Aspire.Confluent.Kafka's: <c>ConnectionStrings:{name}</c> (bootstrap servers) and
/// <c>Aspire:Confluent:Kafka:Producer</c> (then <c>...:Producer:{name}</c>), with librdkafka settings under <c>Config</c>.
/// </summary>
public sealed class KafkaProducerSettings
{
    public const string SectionName = "Aspire:Confluent:Kafka:Producer";

    /// <summary>The bootstrap servers, e.g. <c>localhost:9092</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka producer settings.</summary>
    public ProducerConfig Config { get; set; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    /// <summary>The settings for <paramref name="connectionName"/>.</summary>
    public static KafkaProducerSettings Read(IConfiguration configuration, string connectionName)
    {
        var settings = new KafkaProducerSettings();
        KafkaConfigBinder.Bind(configuration, SectionName, connectionName, settings, settings.Config);
        settings.ConnectionString ??= configuration.GetConnectionString(connectionName);
        return settings;
    }

    /// <summary>
    /// The librdkafka configuration: what was configured, with the settings a durable publish needs forced
    /// (every in-sync replica acknowledges, no duplicates on retry).
    /// </summary>
    public ProducerConfig ToProducerConfig()
    {
        var config = new ProducerConfig(Config.ToDictionary(p => p.Key, p => p.Value))
        {
            Acks = Acks.All,
            EnableIdempotence = true,
        };
        config.BootstrapServers ??= ConnectionString
            ?? throw new InvalidOperationException("Kafka needs bootstrap servers: set ConnectionStrings:kafka or Config:BootstrapServers.");
        return config;
    }
}

using System.ComponentModel.DataAnnotations;
using DataDistiller.Core.Messaging;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>How the topics are created at start-up.</summary>
public sealed class KafkaTopicOptions
{
    public const string SectionName = "DataDistiller:Kafka";

    /// <summary>Partitions of <c>chunk-processing</c>: the most embedders that can work in parallel.</summary>
    [Range(1, 10_000)]
    public int ChunkProcessingPartitions { get; set; } = 12;

    /// <summary>Partitions of every other topic, dead-letter topics included.</summary>
    [Range(1, 10_000)]
    public int DefaultPartitions { get; set; } = 3;

    /// <summary>Copies of each partition; 3 on a production cluster.</summary>
    [Range(1, 32)]
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>How long a topic creation or health-check metadata request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int PartitionsOf(string topic) =>
        topic == Topics.ChunkProcessing ? ChunkProcessingPartitions : DefaultPartitions;
}

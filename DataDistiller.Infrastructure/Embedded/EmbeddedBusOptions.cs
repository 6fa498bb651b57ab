using System.ComponentModel.DataAnnotations;
using DataDistiller.Core.Messaging;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>Partitions per topic and the poll interval of the in-process bus.</summary>
public sealed class EmbeddedBusOptions
{
    public const string SectionName = "DataDistiller:Bus";

    /// <summary>Partitions of <c>chunk-processing</c>: the most embedders that can work in parallel.</summary>
    [Range(1, 1024)]
    public int ChunkProcessingPartitions { get; set; } = 12;

    /// <summary>Partitions of every other topic.</summary>
    [Range(1, 1024)]
    public int DefaultPartitions { get; set; } = 4;

    /// <summary>How often an idle consumer looks for messages it was not signalled about.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int PartitionsOf(string topic) =>
        topic == Topics.ChunkProcessing ? ChunkProcessingPartitions : DefaultPartitions;
}

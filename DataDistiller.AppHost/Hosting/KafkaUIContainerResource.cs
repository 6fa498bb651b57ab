namespace DataDistiller.AppHost.Hosting;

/// <summary>Kafka UI (provectuslabs/kafka-ui): topics, partitions, consumer groups and their lag.</summary>
internal sealed class KafkaUIContainerResource(string name) : ContainerResource(name)
{
    public const string HttpEndpointName = "http";
}

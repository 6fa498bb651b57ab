using Confluent.Kafka;
using DataDistiller.Infrastructure.Kafka;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataDistiller.Tests.Unit.Kafka;

public sealed class KafkaSettingsTests
{
    [Fact]
    public void ToProducerConfig_FromAspireKeys_IsDurableWhateverWasConfigured()
    {
        // Arrange
        var configuration = Configuration(new()
        {
            ["ConnectionStrings:kafka"] = "broker:9092",
            ["Aspire:Confluent:Kafka:Producer:Config:Acks"] = "Leader",
            ["Aspire:Confluent:Kafka:Producer:Config:LingerMs"] = "7",
            ["Aspire:Confluent:Kafka:Producer:kafka:Config:ClientId"] = "named-wins",
        });

        // Act
        var config = KafkaProducerSettings.Read(configuration, "kafka").ToProducerConfig();

        // Assert
        Assert.Equal("broker:9092", config.BootstrapServers);
        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(7, config.LingerMs);
        Assert.Equal("named-wins", config.ClientId);
    }

    [Fact]
    public void ToConsumerConfig_ForAGroup_CommitsManuallyFromTheEarliestWithCooperativeSticky()
    {
        // Arrange
        var configuration = Configuration(new()
        {
            ["ConnectionStrings:kafka"] = "broker:9092",
            ["Aspire:Confluent:Kafka:Consumer:Config:EnableAutoCommit"] = "true",
            ["Aspire:Confluent:Kafka:Consumer:Config:GroupId"] = "ignored",
            ["Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs"] = "12000",
        });

        // Act
        var config = KafkaConsumerSettings.Read(configuration, "kafka").ToConsumerConfig("embedders");

        // Assert
        Assert.Equal("broker:9092", config.BootstrapServers);
        Assert.Equal("embedders", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
        Assert.Equal(12000, config.SessionTimeoutMs);
    }

    [Fact]
    public void ToProducerConfig_WithoutBootstrapServers_Throws() =>
        Assert.Throws<InvalidOperationException>(() => KafkaProducerSettings.Read(Configuration([]), "kafka").ToProducerConfig());

    [Fact]
    public void Specifications_CreateEveryTopicAndItsDeadLetterTopic()
    {
        var topics = KafkaTopicInitializer.Specifications(new KafkaTopicOptions { ReplicationFactor = 3 });

        Assert.Equal(12, topics.Single(t => t.Name == "chunk-processing").NumPartitions);
        Assert.Equal(3, topics.Single(t => t.Name == "chunk-processing.dlq").NumPartitions);
        Assert.Equal(3, topics.Single(t => t.Name == "doc-requests").NumPartitions);
        Assert.Contains(topics, t => t.Name == "doc-requests.dlq");
        Assert.All(topics, t => Assert.Equal(3, t.ReplicationFactor));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

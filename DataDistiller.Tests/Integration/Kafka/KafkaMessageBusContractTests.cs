using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Kafka;
using DataDistiller.Tests.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Integration.Kafka;

/// <summary>The bus contract on a real Kafka broker; runs when <c>ConnectionStrings__kafka</c> is set, each test on a fresh topic.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaMessageBusContractTests : MessageBusContractTests
{
    private const string Variable = "ConnectionStrings__kafka";

    protected override string Topic { get; } = $"dd-test-{Guid.NewGuid():N}";

    // A group's first poll waits for the join and assignment, which takes seconds on a broker.
    protected override TimeSpan QuietPeriod => TimeSpan.FromSeconds(8);

    protected override async Task<IMessageBus> CreateBusAsync()
    {
        var bootstrap = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(bootstrap))
        {
            Assert.Skip($"{Variable} is not set: no Kafka broker to test against (e.g. localhost:9092).");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = bootstrap }).Build();
        var producerSettings = KafkaProducerSettings.Read(configuration, KafkaHostingExtensions.ConnectionName);
        using (var admin = new AdminClientBuilder(producerSettings.ToProducerConfig()).Build())
        {
            await KafkaTopicInitializer.EnsureTopicsAsync(
                admin, [new TopicSpecification { Name = Topic, NumPartitions = 4, ReplicationFactor = 1 }], TimeSpan.FromSeconds(30));
        }

        return new KafkaMessageBus(
            new Lazy<IProducer<string, byte[]>>(() => new ProducerBuilder<string, byte[]>(producerSettings.ToProducerConfig()).Build()),
            KafkaConsumerSettings.Read(configuration, KafkaHostingExtensions.ConnectionName),
            TimeProvider.System,
            NullLoggerFactory.Instance);
    }
}

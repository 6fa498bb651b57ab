using System.Diagnostics.Metrics;
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
public sealed class KafkaMessageBusContractTests : MessageBusContractTests, IDisposable
{
    private const string Variable = "ConnectionStrings__kafka";

    private readonly List<IDisposable> _disposables = [];

    protected override string Topic { get; } = $"dd-test-{Guid.NewGuid():N}";

    public void Dispose() => _disposables.ForEach(d => d.Dispose());

    // A group's first poll waits for the join and assignment, which takes seconds on a broker.
    protected override TimeSpan QuietPeriod => TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Lag_AfterConsumingWithoutAndThenWithCommit_CountsTheUncommittedThenNothing()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await using var consumer = bus.Subscribe(Topic, Group("lag"));
        await bus.PublishAsync(Topic, Messages(12), Ct);

        // Act
        var received = await DrainAsync(consumer);
        var uncommitted = LagOf(Group("lag"));
        await consumer.CommitAsync(received, Ct);
        var committed = LagOf(Group("lag"));

        // Assert
        Assert.Equal(12, received.Count);
        Assert.Equal(12, uncommitted);
        Assert.Equal(0, committed);
    }

    protected override IQueueBacklog CreateBacklog()
    {
        var configuration = Configuration();
        var backlog = new KafkaQueueBacklog(
            KafkaProducerSettings.Read(configuration, KafkaHostingExtensions.ConnectionName),
            KafkaConsumerSettings.Read(configuration, KafkaHostingExtensions.ConnectionName));
        _disposables.Add(backlog);
        return backlog;
    }

    protected override async Task<IMessageBus> CreateBusAsync()
    {
        var bootstrap = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(bootstrap))
        {
            Assert.Skip($"{Variable} is not set: no Kafka broker to test against (e.g. localhost:9092).");
        }

        var configuration = Configuration();
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

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = Environment.GetEnvironmentVariable(Variable) })
        .Build();

    /// <summary>The summed <c>messaging.consumer.lag</c> of this test's topic and <paramref name="group"/>, read now.</summary>
    private long LagOf(string group)
    {
        long lag = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "messaging.consumer.lag")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Any(t => t.Key == "messaging.destination.name" && Equals(t.Value, Topic))
                && tagged.Any(t => t.Key == "messaging.consumer.group.name" && Equals(t.Value, group)))
            {
                lag += value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return lag;
    }
}

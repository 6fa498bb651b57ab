using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DataDistiller.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// Creates the topics and their dead-letter topics at start-up, before any consumer subscribes: a broker's
/// auto-created topic would get the broker's default partition count, which caps how many embedders can share the work.
/// </summary>
public sealed class KafkaTopicInitializer(KafkaProducerSettings settings, IOptions<KafkaTopicOptions> options) : IHostedService
{
    private static readonly string[] s_topics = [Topics.DocRequests, Topics.ChunkProcessing];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(settings.ToProducerConfig()).Build();
        await EnsureTopicsAsync(admin, Specifications(options.Value), options.Value.RequestTimeout).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The topics DataDistiller uses, with their dead-letter topics.</summary>
    public static List<TopicSpecification> Specifications(KafkaTopicOptions options) =>
    [
        .. s_topics.Concat(s_topics.Select(Topics.DeadLetterOf)).Select(topic => new TopicSpecification
        {
            Name = topic,
            NumPartitions = options.PartitionsOf(topic),
            ReplicationFactor = options.ReplicationFactor,
        }),
    ];

    /// <summary>Creates the topics; one that already exists is left as it is.</summary>
    public static async Task EnsureTopicsAsync(IAdminClient admin, IEnumerable<TopicSpecification> topics, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);
        try
        {
            await admin.CreateTopicsAsync(topics, new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another replica created them first.
        }
    }
}

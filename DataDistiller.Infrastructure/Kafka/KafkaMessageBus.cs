using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// The bus on Kafka: messages keep their keys (so one key keeps its order within a partition), and a publish returns
/// only when the brokers acknowledged every message (the producer runs with <c>acks=all</c> and idempotence).
/// Each <see cref="Subscribe"/> is one group member with its own librdkafka consumer.
/// </summary>
public sealed partial class KafkaMessageBus(
    Lazy<IProducer<string, byte[]>> producer,
    KafkaConsumerSettings consumerSettings,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IMessageBus
{
    public async Task PublishAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        using var activity = KafkaTelemetry.Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.batch.message_count", messages.Count);

        // Everything is handed to librdkafka before the first wait, so the whole list travels in a few batches.
        var deliveries = new Task<DeliveryResult<string, byte[]>>[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            deliveries[i] = producer.Value.ProduceAsync(topic, ToKafka(messages[i], activity), cancellationToken);
        }

        try
        {
            await Task.WhenAll(deliveries).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }

        KafkaTelemetry.Produced.Add(messages.Count, new KeyValuePair<string, object?>("messaging.destination.name", topic));
    }

    public IMessageConsumer Subscribe(string topic, string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(group);
        return new KafkaMessageConsumer(consumerSettings.ToConsumerConfig(group), topic, timeProvider, loggerFactory.CreateLogger<KafkaMessageConsumer>());
    }

    // A message created by MessageEnvelope already carries the context it was created in; others get the publish's.
    private static Message<string, byte[]> ToKafka(OutgoingMessage message, Activity? activity)
    {
        var headers = new Headers();
        foreach (var (name, value) in message.Headers)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }

        if (!message.Headers.ContainsKey(MessageEnvelope.TraceParentHeader))
        {
            KafkaTraceHeaders.Inject(activity ?? Activity.Current, headers);
        }

        return new Message<string, byte[]> { Key = message.Key, Value = message.Value.ToArray(), Headers = headers };
    }

    [LoggerMessage(LogLevel.Warning, "Kafka producer: {Code} {Reason}")]
    internal static partial void LogProducerError(ILogger logger, ErrorCode code, string reason);
}

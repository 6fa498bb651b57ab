using DataDistiller.Core.Messaging;

namespace DataDistiller.Core.Ports;

/// <summary>
/// Topics with the Kafka contract: messages go to a partition chosen by key, each consumer group sees every
/// message once per group member assignment, delivery is at-least-once and a message is redelivered until
/// its consumer commits it.
/// </summary>
public interface IMessageBus
{
    /// <summary>Publishes messages durably; when this returns they survive a crash.</summary>
    Task PublishAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>Joins <paramref name="group"/> on <paramref name="topic"/>; partitions are shared among the group's members.</summary>
    IMessageConsumer Subscribe(string topic, string group);
}

using System.Collections.Concurrent;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;

namespace DataDistiller.Tests.Support;

/// <summary>A bus that only records what is published, per topic.</summary>
public sealed class RecordingMessageBus : IMessageBus
{
    public ConcurrentQueue<(string Topic, OutgoingMessage Message)> Published { get; } = new();

    public Task PublishAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            Published.Enqueue((topic, message));
        }

        return Task.CompletedTask;
    }

    public IMessageConsumer Subscribe(string topic, string group) => throw new NotSupportedException("The recording bus only publishes.");
}

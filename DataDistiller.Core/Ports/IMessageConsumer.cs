using DataDistiller.Core.Messaging;

namespace DataDistiller.Core.Ports;

/// <summary>One member of a consumer group.</summary>
public interface IMessageConsumer : IAsyncDisposable
{
    /// <summary>
    /// Waits for at least one message (or cancellation), then gathers up to <paramref name="maxMessages"/>
    /// for at most <paramref name="maxWait"/>.
    /// </summary>
    Task<IReadOnlyList<ConsumedMessage>> ConsumeAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Commits the messages: they are not delivered to this group again. Call only after their work is durable.</summary>
    Task CommitAsync(IReadOnlyList<ConsumedMessage> messages, CancellationToken cancellationToken);
}

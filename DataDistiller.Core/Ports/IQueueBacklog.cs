namespace DataDistiller.Core.Ports;

/// <summary>
/// How far a consumer group is behind on a topic, as a time: lets the stuck-document sweeper tell work that is lost from
/// work that is only waiting in a queue.
/// </summary>
public interface IQueueBacklog
{
    /// <summary>
    /// When the oldest message <paramref name="group"/> has not committed on <paramref name="topic"/> was published, or
    /// null when the group has committed everything.
    /// </summary>
    Task<DateTimeOffset?> OldestUnconsumedAsync(string topic, string group, CancellationToken cancellationToken);
}

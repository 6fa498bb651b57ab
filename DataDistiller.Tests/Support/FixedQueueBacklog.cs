using DataDistiller.Core.Ports;

namespace DataDistiller.Tests.Support;

/// <summary>A backlog whose oldest unconsumed message per topic is whatever the test sets.</summary>
public sealed class FixedQueueBacklog : IQueueBacklog
{
    public Dictionary<string, DateTimeOffset> OldestByTopic { get; } = new(StringComparer.Ordinal);

    public Task<DateTimeOffset?> OldestUnconsumedAsync(string topic, string group, CancellationToken cancellationToken) =>
        Task.FromResult(OldestByTopic.TryGetValue(topic, out var oldest) ? oldest : (DateTimeOffset?)null);
}

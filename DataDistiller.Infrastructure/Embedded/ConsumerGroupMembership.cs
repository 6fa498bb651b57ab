namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The members of one consumer group on one topic and which partitions each owns: partition p goes to
/// member p mod n, recomputed when a member joins or leaves (a rebalance), as Kafka's range assignor would.
/// </summary>
internal sealed class ConsumerGroupMembership(int partitions)
{
    private readonly Lock _lock = new();
    private readonly List<object> _members = [];
    private int _generation;

    /// <summary>Bumped on every rebalance; a member re-reads its partitions when it changes.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public void Join(object member)
    {
        lock (_lock)
        {
            _members.Add(member);
            _generation++;
        }
    }

    public void Leave(object member)
    {
        lock (_lock)
        {
            _members.Remove(member);
            _generation++;
        }
    }

    public int[] PartitionsOf(object member)
    {
        lock (_lock)
        {
            var index = _members.IndexOf(member);
            return index < 0 ? [] : [.. Enumerable.Range(0, partitions).Where(p => p % _members.Count == index)];
        }
    }
}

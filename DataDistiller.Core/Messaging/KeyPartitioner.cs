using System.Text;

namespace DataDistiller.Core.Messaging;

/// <summary>Chooses a partition from a message key with a stable hash (FNV-1a), as Kafka's default partitioner does with murmur2.</summary>
public static class KeyPartitioner
{
    /// <summary>The partition in [0, <paramref name="partitions"/>) for <paramref name="key"/>; the same key always maps to the same one.</summary>
    public static int PartitionFor(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}

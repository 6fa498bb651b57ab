using DataDistiller.Core.Messaging;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class KeyPartitionerTests
{
    [Fact]
    public void PartitionFor_IsStableAndSpreadsKeys()
    {
        var partitions = Enumerable.Range(0, 1200).Select(i => KeyPartitioner.PartitionFor($"doc:{i}", 12)).ToList();

        Assert.Equal(partitions, Enumerable.Range(0, 1200).Select(i => KeyPartitioner.PartitionFor($"doc:{i}", 12)));
        Assert.Equal(12, partitions.Distinct().Count());
        Assert.All(partitions.GroupBy(p => p), g => Assert.InRange(g.Count(), 50, 150));
    }
}

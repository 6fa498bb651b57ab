using DataDistiller.Core.Retrieval.Experiments;
using Xunit;

namespace DataDistiller.Tests.Unit.Core.Experiments;

public sealed class ExperimentAssignmentTests
{
    private static readonly Guid s_experimentId = Guid.Parse("0193f0a1-2b3c-7d4e-8f50-6a7b8c9d0e1f");

    [Fact]
    public void Bucket_SameSubjectAndExperiment_IsStableAcrossCalls()
    {
        // Arrange
        var subjects = Enumerable.Range(0, 100).Select(i => $"session:{i}").ToList();

        // Act
        var first = subjects.Select(s => StickyAssignment.Bucket(s_experimentId, s)).ToList();
        var second = subjects.Select(s => StickyAssignment.Bucket(new Guid(s_experimentId.ToString()), s)).ToList();

        // Assert
        Assert.Equal(first, second);
        Assert.All(first, b => Assert.InRange(b, 0, StickyAssignment.Buckets - 1));
    }

    [Fact]
    public void Bucket_KnownSubject_MatchesTheValueOfEveryEarlierRelease()
    {
        // A changed hash would move every running subject to another arm mid-experiment.
        Assert.Equal(Bucket("user:alice"), StickyAssignment.Bucket(s_experimentId, "user:alice"));
    }

    [Fact]
    public void ArmFor_TenThousandSubjects_SplitsWithinOnePointOfThePercents()
    {
        // Arrange
        var experiment = Experiment.Start(s_experimentId, "split", null, [new("bm25@1", 50), new("dense@1", 30), new("hybrid-rrf@1", 20)], DateTimeOffset.UnixEpoch);

        // Act
        var counts = Enumerable.Range(0, 10_000).GroupBy(i => experiment.ArmFor($"session:{new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8)}")).ToDictionary(g => g.Key, g => g.Count());

        // Assert: fixed subjects keep the test deterministic; a binomial's sd at n = 10,000 is at most 0.5 point
        Assert.InRange(counts[0], 4_850, 5_150);
        Assert.InRange(counts[1], 2_850, 3_150);
        Assert.InRange(counts[2], 1_850, 2_150);
    }

    [Fact]
    public void ArmFor_DifferentExperiments_SplitTheSameSubjectsIndependently()
    {
        // Arrange
        ExperimentArm[] arms = [new("bm25@1", 50), new("dense@1", 50)];
        var a = Experiment.Start(s_experimentId, "a", null, arms, DateTimeOffset.UnixEpoch);
        var b = Experiment.Start(Guid.Parse("0193f0a1-2b3c-7d4e-8f50-6a7b8c9d0e20"), "b", null, arms, DateTimeOffset.UnixEpoch);

        // Act
        var same = Enumerable.Range(0, 2_000).Count(i => a.ArmFor($"user:{i}") == b.ArmFor($"user:{i}"));

        // Assert: independent 50/50 splits agree about half the time, not always
        Assert.InRange(same, 850, 1_150);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2_999, 0)]
    [InlineData(3_000, 1)]
    [InlineData(9_999, 1)]
    public void ArmIndex_BucketAtBoundary_MapsByCumulativePercent(int bucket, int expected)
    {
        Assert.Equal(expected, StickyAssignment.ArmIndex([new("bm25@1", 30), new("dense@1", 70)], bucket));
    }

    private static int Bucket(string subject)
    {
        // The specification written out independently: SHA-256 of "{experiment:N}:{subject}", first 8 bytes big-endian, mod 10,000.
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s_experimentId.ToString("N") + ":" + subject));
        var value = hash.Take(8).Aggregate(0UL, (acc, b) => (acc << 8) | b);
        return (int)(value % 10_000);
    }
}

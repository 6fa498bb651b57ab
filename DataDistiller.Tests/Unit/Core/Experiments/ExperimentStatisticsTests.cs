using DataDistiller.Core.Retrieval.Experiments;
using Xunit;

namespace DataDistiller.Tests.Unit.Core.Experiments;

public sealed class ExperimentStatisticsTests
{
    // Expected values computed independently with Python's math.erfc: pooled p, se = sqrt(p(1-p)(1/n1+1/n2)), p = erfc(|z|/sqrt 2).
    [Theory]
    [InlineData(45, 100, 60, 100, 2.1239770, 0.0336721)]
    [InlineData(200, 400, 180, 400, -1.4159847, 0.1567800)]
    [InlineData(30, 60, 30, 60, 0.0, 1.0)]
    public void TwoProportionZTest_KnownCounts_ReturnsKnownZAndPValue(int x1, int n1, int x2, int n2, double z, double p)
    {
        var test = ExperimentStatistics.TwoProportionZTest(x1, n1, x2, n2)!;

        Assert.Equal(z, test.Z, 1e-6);
        Assert.Equal(p, test.PValue, 1e-6);
    }

    [Theory]
    [InlineData(0, 0, 5, 10)]
    [InlineData(5, 10, 0, 0)]
    [InlineData(10, 10, 20, 20)]
    [InlineData(0, 10, 0, 20)]
    public void TwoProportionZTest_WhenUntestable_ReturnsNull(int x1, int n1, int x2, int n2)
    {
        Assert.Null(ExperimentStatistics.TwoProportionZTest(x1, n1, x2, n2));
    }

    [Theory]
    [InlineData(0.5, 0.4795001)]
    [InlineData(-1.0, 1.8427008)]
    [InlineData(2.0, 0.0046777)]
    [InlineData(0.0, 1.0)]
    public void Erfc_KnownPoints_MatchesReference(double x, double expected)
    {
        Assert.Equal(expected, ExperimentStatistics.Erfc(x), 1e-6);
    }

    [Theory]
    [InlineData(50, 5.5)]
    [InlineData(95, 9.55)]
    [InlineData(99, 9.91)]
    [InlineData(0, 1)]
    [InlineData(100, 10)]
    public void Percentile_OneToTen_InterpolatesLinearly(double percentile, double expected)
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, ExperimentStatistics.Percentile(values, percentile)!.Value, 1e-9);
    }

    [Fact]
    public void Percentile_NoValues_ReturnsNull()
    {
        Assert.Null(ExperimentStatistics.Percentile([], 50));
    }

    [Fact]
    public void ResultsFrom_TalliesOfThreeArms_ComparesEachUpRateWithTheFirstArm()
    {
        // Arrange
        var experiment = Experiment.Start(Guid.NewGuid(), "three", null, [new("bm25@1", 40), new("dense@1", 30), new("hybrid-rrf@1", 30)], DateTimeOffset.UnixEpoch);
        ArmTally[] tallies = [new(0, [10, 20, 30, 40], 1, 45, 55), new(1, [5], 0, 60, 40)];

        // Act
        var results = ExperimentResults.From(experiment, tallies);

        // Assert
        Assert.Equal([4, 1, 0], results.Arms.Select(a => a.Queries));
        Assert.Equal(25, results.Arms[0].LatencyP50Ms);
        Assert.Equal(0.25, results.Arms[0].EmptyRate);
        Assert.Equal(0.45, results.Arms[0].UpRate);
        Assert.Null(results.Arms[0].UpRateTest);
        Assert.Equal(2.1239770, results.Arms[1].UpRateTest!.Z, 1e-6);
        Assert.Equal("hybrid-rrf@1", results.Arms[2].Strategy);
        Assert.Null(results.Arms[2].LatencyP95Ms);
        Assert.Null(results.Arms[2].UpRate);
        Assert.Null(results.Arms[2].UpRateTest);
    }
}

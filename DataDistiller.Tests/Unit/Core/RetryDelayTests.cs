using DataDistiller.Core.Ingestion;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class RetryDelayTests
{
    private const int Samples = 2000;
    private static readonly TimeSpan s_base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_cap = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    public void For_BeforeTheCap_StaysWithinFullJitterOfTheDoubledDelay(int attempt, int ceilingMs)
    {
        // Act
        var delays = Enumerable.Range(0, Samples).Select(_ => RetryDelay.For(attempt, s_base, s_cap).TotalMilliseconds).ToList();

        // Assert: full jitter spreads retries over [0, ceiling], so the samples reach both ends of the range
        Assert.All(delays, d => Assert.InRange(d, 0, ceilingMs));
        Assert.True(delays.Max() > ceilingMs * 0.9, $"The largest of {Samples} delays was {delays.Max()} ms; the ceiling is {ceilingMs} ms.");
        Assert.True(delays.Min() < ceilingMs * 0.1, $"The smallest of {Samples} delays was {delays.Min()} ms.");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(int.MaxValue)]
    public void For_PastTheCap_NeverExceedsTheCap(int attempt)
    {
        // Act
        var delays = Enumerable.Range(0, Samples).Select(_ => RetryDelay.For(attempt, s_base, s_cap)).ToList();

        // Assert
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, s_cap));
        Assert.True(delays.Max() > s_cap * 0.9);
    }

    [Fact]
    public void For_WithAZeroBase_RetriesAtOnce()
    {
        Assert.Equal(TimeSpan.Zero, RetryDelay.For(3, TimeSpan.Zero, s_cap));
    }
}

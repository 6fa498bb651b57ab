using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Resilience;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Resilience;

public sealed class DependencyPipelineTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_WhenFailuresReachTheRatio_OpensTheCircuitThenClosesAfterTheBreak()
    {
        // Arrange
        var pipeline = Pipeline(new DependencyResilienceOptions { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(10) });
        var calls = 0;
        Task<int> Failing(CancellationToken ct)
        {
            calls++;
            throw new IOException("down");
        }

        // Act
        var first = await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(Failing, _ct));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(Failing, _ct));
        var open = await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(Failing, _ct));
        _time.Advance(TimeSpan.FromSeconds(11));
        var recovered = await pipeline.ExecuteAsync(_ => Task.FromResult(42), _ct);

        // Assert
        Assert.Equal(("job store", "failed"), (first.Dependency, first.Reason));
        Assert.IsType<IOException>(first.InnerException);
        Assert.Equal("circuit open", open.Reason);
        Assert.Equal(TimeSpan.FromSeconds(10), open.RetryAfter);
        Assert.Equal(2, calls);
        Assert.Equal(42, recovered);
    }

    [Fact]
    public async Task Execute_WhenACallOutlivesTheTimeout_FailsAsTimedOut()
    {
        // Arrange
        var pipeline = Pipeline(new DependencyResilienceOptions { Timeout = TimeSpan.FromSeconds(1) });

        // Act
        var call = pipeline.ExecuteAsync(ct => Task.Delay(TimeSpan.FromMinutes(1), _time, ct), _ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => call);

        // Assert
        Assert.Equal("timed out", error.Reason);
    }

    [Fact]
    public async Task Execute_WhenTheCallerCancelsOrPassesBadArguments_RethrowsAsIsAndKeepsTheCircuitClosed()
    {
        // Arrange
        var pipeline = Pipeline(new DependencyResilienceOptions { MinimumThroughput = 2 });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => pipeline.ExecuteAsync<int>(_ => throw new ArgumentException("bad"), _ct));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(ct => Task.Delay(1000, ct), cancelled.Token));
        }

        // Assert
        Assert.Equal(1, await pipeline.ExecuteAsync(_ => Task.FromResult(1), _ct));
    }

    [Fact]
    public async Task CircuitGauge_WhenTheCircuitOpens_ReportsOneForThatDependencyThenZeroAfterRecovery()
    {
        // Arrange: a dependency name of its own, since the gauge reports every live pipeline of the process.
        var dependency = $"test-{Guid.NewGuid():N}";
        var pipeline = new DependencyPipeline(
            dependency, new DependencyResilienceOptions { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(10) }, _time, NullLogger.Instance);
        Task<int> Failing(CancellationToken ct) => throw new IOException("down");
        int State() => (int)Assert.Single(
            GaugeReader.Read("DataDistiller.Resilience", "datadistiller.circuit_breaker.state"),
            m => Equals(m.Tags["datadistiller.dependency"], dependency)).Value;

        // Act
        var closed = State();
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(Failing, _ct));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(Failing, _ct));
        var open = State();
        _time.Advance(TimeSpan.FromSeconds(11));
        await pipeline.ExecuteAsync(_ => Task.FromResult(42), _ct);
        var recovered = State();

        // Assert
        Assert.Equal((0, 1, 0), (closed, open, recovered));
    }

    [Fact]
    public async Task Execute_WhenTheBulkheadAndItsQueueAreFull_RefusesAtOnceAsBusyAndKeepsTheCircuitClosed()
    {
        // Arrange: one call in flight, one waiting, and a breaker that would open on two failures
        var pipeline = Pipeline(new DependencyResilienceOptions { MaxConcurrentCalls = 1, MaxQueuedCalls = 1, MinimumThroughput = 2 });
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = pipeline.ExecuteAsync(_ => release.Task, _ct);
        var queued = pipeline.ExecuteAsync(_ => Task.FromResult(2), _ct);

        // Act
        var refused = await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.FromResult(3), _ct));
        var refusedAgain = await Assert.ThrowsAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.FromResult(3), _ct));
        release.SetResult(1);
        var results = await Task.WhenAll(inFlight, queued);
        var afterwards = await pipeline.ExecuteAsync(_ => Task.FromResult(4), _ct);

        // Assert
        Assert.Equal(("job store", "busy"), (refused.Dependency, refused.Reason));
        Assert.Equal("busy", refusedAgain.Reason);
        Assert.Equal([1, 2], results);
        Assert.Equal(4, afterwards);
    }

    private DependencyPipeline Pipeline(DependencyResilienceOptions options) => new("job store", options, _time, NullLogger.Instance);
}

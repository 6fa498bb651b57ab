using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>The behaviour every <see cref="IExperimentStore"/> adapter must have; one derived class per adapter runs it.</summary>
public abstract class ExperimentStoreContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected IExperimentStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync(_ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store on empty storage.</summary>
    protected abstract Task<IExperimentStore> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>A "restart": a new store on the same storage, opened the way the host opens it.</summary>
    protected abstract Task<IExperimentStore> ReopenAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task TryCreate_ThenGetAndList_RoundTripsEveryField()
    {
        // Arrange
        var experiment = New("research", 30, 70);

        // Act
        var created = await Store.TryCreateAsync(experiment, _ct);
        var read = await Store.GetAsync(experiment.Id, _ct);
        var listed = await Store.ListAsync(_ct);

        // Assert
        Assert.True(created);
        AssertSame(experiment, read);
        AssertSame(experiment, Assert.Single(listed));
        Assert.Null(await Store.GetAsync(Guid.NewGuid(), _ct));
    }

    [Fact]
    public async Task TryCreate_WhenTheScopeAlreadyRuns_ReturnsFalseUntilStopped()
    {
        // Arrange
        var first = New(null);
        await Store.TryCreateAsync(first, _ct);

        // Act
        var secondGlobal = await Store.TryCreateAsync(New(null), _ct);
        var ownCollection = await Store.TryCreateAsync(New("research"), _ct);
        await Store.StopAsync(first.Id, _time.GetUtcNow(), _ct);
        var afterStop = await Store.TryCreateAsync(New(null), _ct);

        // Assert
        Assert.False(secondGlobal);
        Assert.True(ownCollection);
        Assert.True(afterStop);
    }

    [Fact]
    public async Task Stop_WhenStoppedTwice_KeepsTheFirstStopTime()
    {
        // Arrange
        var experiment = New("research");
        await Store.TryCreateAsync(experiment, _ct);
        var firstStop = _time.GetUtcNow();

        // Act
        var stopped = await Store.StopAsync(experiment.Id, firstStop, _ct);
        var again = await Store.StopAsync(experiment.Id, firstStop.AddHours(1), _ct);

        // Assert
        Assert.Equal(ExperimentState.Stopped, stopped!.State);
        Assert.Equal(firstStop, again!.StoppedAt);
        Assert.Null(await Store.FindRunningAsync("research", _ct));
        Assert.Null(await Store.StopAsync(Guid.NewGuid(), firstStop, _ct));
    }

    [Fact]
    public async Task GetTallies_QueriesAndRatings_CountsPerArmWithTheLatestRatingOfEachAnswer()
    {
        // Arrange
        var experiment = New("research");
        await Store.TryCreateAsync(experiment, _ct);
        var a = await RecordAsync(experiment.Id, 0, 10, empty: false);
        var b = await RecordAsync(experiment.Id, 0, 30, empty: true);
        var c = await RecordAsync(experiment.Id, 1, 20, empty: false);
        await RecordAsync(null, null, 99, empty: false);
        await RateAsync(a, FeedbackRating.Down);
        await RateAsync(a, FeedbackRating.Up);
        await RateAsync(b, FeedbackRating.Up);
        await RateAsync(c, FeedbackRating.Down);

        // Act
        var tallies = await Store.GetTalliesAsync(experiment.Id, _ct);

        // Assert
        Assert.Equal(2, tallies.Count);
        Assert.Equal([10.0, 30.0], tallies[0].LatenciesMs.Order());
        Assert.Equal((0, 1, 2, 0), (tallies[0].Arm, tallies[0].Empty, tallies[0].Up, tallies[0].Down));
        Assert.Equal([20.0], tallies[1].LatenciesMs);
        Assert.Equal((1, 0, 0, 1), (tallies[1].Arm, tallies[1].Empty, tallies[1].Up, tallies[1].Down));
    }

    [Fact]
    public async Task AddFeedback_WhenAnswerIsUnknown_ReturnsFalse_AndOutsideAnExperimentStoresIt()
    {
        // Arrange
        var outside = await RecordAsync(null, null, 5, empty: false);

        // Act
        var unknown = await Store.AddFeedbackAsync(new AnswerFeedback(Guid.NewGuid(), Guid.NewGuid(), FeedbackRating.Up, null, _time.GetUtcNow()), _ct);
        var stored = await Store.AddFeedbackAsync(new AnswerFeedback(Guid.NewGuid(), outside, FeedbackRating.Down, "meh", _time.GetUtcNow()), _ct);

        // Assert
        Assert.False(unknown);
        Assert.True(stored);
    }

    [Fact]
    public async Task Reopen_AfterRestart_KeepsExperimentsQueriesAndFeedback()
    {
        // Arrange
        var experiment = New(null);
        await Store.TryCreateAsync(experiment, _ct);
        var query = await RecordAsync(experiment.Id, 1, 42, empty: false);
        await RateAsync(query, FeedbackRating.Up);

        // Act
        Store = await ReopenAsync(_ct);

        // Assert
        AssertSame(experiment, await Store.FindRunningAsync("any", _ct));
        var tally = Assert.Single(await Store.GetTalliesAsync(experiment.Id, _ct));
        Assert.Equal((1, 1, 0), (tally.Arm, tally.Up, tally.Down));
        Assert.False(await Store.TryCreateAsync(New(null), _ct));
    }

    private Experiment New(string? collection, int firstPercent = 50, int secondPercent = 50)
    {
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return Experiment.Start(
            Guid.CreateVersion7(_time.GetUtcNow()), "rrf vs rerank", collection, [new("hybrid-rrf@1", firstPercent), new("hybrid-rerank@1", secondPercent)], _time.GetUtcNow());
    }

    [Fact]
    public async Task AddFeedback_FromATenantThatWasNotServedTheAnswer_ReturnsFalse()
    {
        // Arrange: one answer in acme's "research", one in the default tenant's.
        var acme = Guid.CreateVersion7(_time.GetUtcNow());
        await Store.RecordQueryAsync(new ServedQuery(acme, new CollectionAddress("acme", "research").Key, "hybrid-rrf@1", null, 5, false, _time.GetUtcNow()), _ct);
        var mine = await RecordAsync(null, null, 5, empty: false);

        // Act
        var byOther = await Store.AddFeedbackAsync(Feedback(acme, "acm"), _ct);
        var byDefault = await Store.AddFeedbackAsync(Feedback(acme, CollectionAddress.DefaultTenant), _ct);
        var byAcmeOnDefault = await Store.AddFeedbackAsync(Feedback(mine, "acme"), _ct);
        var byAcme = await Store.AddFeedbackAsync(Feedback(acme, "acme"), _ct);
        var byDefaultOnDefault = await Store.AddFeedbackAsync(Feedback(mine, CollectionAddress.DefaultTenant), _ct);

        // Assert
        Assert.Equal((false, false, false), (byOther, byDefault, byAcmeOnDefault));
        Assert.Equal((true, true), (byAcme, byDefaultOnDefault));
    }

    private AnswerFeedback Feedback(Guid answerId, string tenant) =>
        new(Guid.CreateVersion7(_time.GetUtcNow()), answerId, FeedbackRating.Up, null, _time.GetUtcNow(), tenant);

    private async Task<Guid> RecordAsync(Guid? experimentId, int? arm, double latencyMs, bool empty)
    {
        var id = Guid.CreateVersion7(_time.GetUtcNow());
        var assignment = experimentId is { } e ? new ExperimentAssignment(e, arm!.Value) : null;
        await Store.RecordQueryAsync(new ServedQuery(id, "research", "hybrid-rrf@1", assignment, latencyMs, empty, _time.GetUtcNow()), _ct);
        return id;
    }

    private Task<bool> RateAsync(Guid answerId, FeedbackRating rating) =>
        Store.AddFeedbackAsync(new AnswerFeedback(Guid.CreateVersion7(_time.GetUtcNow()), answerId, rating, null, _time.GetUtcNow()), _ct);

    private static void AssertSame(Experiment expected, Experiment? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Arms = actual.Arms }, actual);
        Assert.Equal(expected.Arms, actual.Arms);
    }
}

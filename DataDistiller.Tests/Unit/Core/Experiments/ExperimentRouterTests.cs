using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Core.Experiments;

public sealed class ExperimentRouterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly EmbeddedDatabase _database;
    private readonly SqliteExperimentStore _store;
    private readonly ExperimentRouter _router;

    public ExperimentRouterTests()
    {
        _database = new EmbeddedDatabase(_dir.File("router.db"));
        _store = new SqliteExperimentStore(_database);
        _router = new ExperimentRouter(_store, new StrategyCatalog(Options.Create(new RetrievalOptions())), _time);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task AssignAsync_WhenRequestNamesAStrategy_ServesItOutsideTheExperiment()
    {
        // Arrange
        await StartAsync("research", "bm25@1", "dense@1");

        // Act
        var assignment = await _router.AssignAsync("research", "hybrid-rrf", "user:alice", _ct);

        // Assert
        Assert.Equal("hybrid-rrf@1", assignment!.Strategy.Id);
        Assert.Null(assignment.Experiment);
    }

    [Fact]
    public async Task AssignAsync_WhenRequestedStrategyIsUnknown_ReturnsNull()
    {
        Assert.Null(await _router.AssignAsync("research", "nope@7", "user:alice", _ct));
    }

    [Fact]
    public async Task AssignAsync_WhenNoExperimentRuns_ServesTheDefault()
    {
        var assignment = await _router.AssignAsync("research", null, "user:alice", _ct);

        Assert.Equal(RetrievalStrategies.DefaultId, assignment!.Strategy.Id);
        Assert.Null(assignment.Experiment);
    }

    [Fact]
    public async Task AssignAsync_WhenNoSubject_ServesTheDefaultOutsideTheExperiment()
    {
        await StartAsync(null, "bm25@1", "dense@1");

        var assignment = await _router.AssignAsync("research", null, null, _ct);

        Assert.Equal(RetrievalStrategies.DefaultId, assignment!.Strategy.Id);
        Assert.Null(assignment.Experiment);
    }

    [Fact]
    public async Task AssignAsync_WhenCollectionAndGlobalExperimentsRun_UsesTheCollectionsOwn()
    {
        // Arrange
        var global = await StartAsync(null, "bm25@1", "dense@1");
        var own = await StartAsync("research", "hybrid-rrf@1", "hybrid-normalized@1");

        // Act
        var inResearch = await _router.AssignAsync("research", null, "session:s1", _ct);
        var elsewhere = await _router.AssignAsync("other", null, "session:s1", _ct);

        // Assert
        Assert.Equal(own.Id, inResearch!.Experiment!.ExperimentId);
        Assert.Equal(own.Arms[inResearch.Experiment.Arm].Strategy, inResearch.Strategy.Id);
        Assert.Equal(global.Id, elsewhere!.Experiment!.ExperimentId);
    }

    [Fact]
    public async Task AssignAsync_SameSubjectManyTimes_GetsTheSameArm()
    {
        var experiment = await StartAsync("research", "bm25@1", "dense@1");

        var arms = new HashSet<int>();
        for (var i = 0; i < 20; i++)
        {
            arms.Add((await _router.AssignAsync("research", " ", "user:bob", _ct))!.Experiment!.Arm);
        }

        Assert.Equal([experiment.ArmFor("user:bob")], arms);
    }

    [Theory]
    [InlineData("u1", "s1", "user:u1")]
    [InlineData(" ", "s1", "session:s1")]
    [InlineData(null, null, null)]
    public void SubjectKey_UserAndSession_PrefersTheUser(string? user, string? session, string? expected)
    {
        Assert.Equal(expected, ExperimentRouter.SubjectKey(user, session));
    }

    [Fact]
    public async Task RecordQueryAsync_ThenFeedback_CountsForTheAssignedArm()
    {
        // Arrange
        var experiment = await StartAsync("research", "bm25@1", "dense@1");
        var assignment = (await _router.AssignAsync("research", null, "user:carol", _ct))!;
        var queryId = _router.NewQueryId();

        // Act
        await _router.RecordQueryAsync(queryId, assignment, TimeSpan.FromMilliseconds(12.5), empty: true, _ct);
        await _store.AddFeedbackAsync(new AnswerFeedback(Guid.NewGuid(), queryId, FeedbackRating.Up, null, _time.GetUtcNow()), _ct);

        // Assert
        var tally = Assert.Single(await _store.GetTalliesAsync(experiment.Id, _ct));
        Assert.Equal(new ArmTally(assignment.Experiment!.Arm, tally.LatenciesMs, 1, 1, 0), tally);
        Assert.Equal([12.5], tally.LatenciesMs);
    }

    private async Task<Experiment> StartAsync(string? collection, string first, string second)
    {
        var experiment = Experiment.Start(Guid.CreateVersion7(_time.GetUtcNow()), "test", collection, [new(first, 50), new(second, 50)], _time.GetUtcNow());
        Assert.True(await _store.TryCreateAsync(experiment, _ct));
        return experiment;
    }
}

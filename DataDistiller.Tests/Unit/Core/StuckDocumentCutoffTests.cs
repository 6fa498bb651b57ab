using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

/// <summary>When the sweeper calls a document stuck: no change for StuckAfter, counted in queue time, not wall time.</summary>
public sealed class StuckDocumentCutoffTests : IDisposable
{
    private static readonly TimeSpan s_stuckAfter = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _dir = new();
    private readonly EmbeddedDatabase _database;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteJobStore _jobs;
    private readonly RecordingMessageBus _bus = new();
    private readonly FixedQueueBacklog _backlog = new();
    private readonly StuckDocumentSweeper _sweeper;

    public StuckDocumentCutoffTests()
    {
        _database = new EmbeddedDatabase(_dir.File("jobs.db"));
        _jobs = new SqliteJobStore(_database, _time);
        _sweeper = new StuckDocumentSweeper(
            _jobs, _bus, _backlog, Options.Create(new StuckDocumentOptions { StuckAfter = s_stuckAfter }), _time, NullLogger<StuckDocumentSweeper>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Sweep_WhenNoQueueIsBehind_RepublishesADocumentUnchangedForStuckAfter()
    {
        // Arrange
        var document = await AcceptAsync();
        _time.Advance(s_stuckAfter + TimeSpan.FromSeconds(1));

        // Act
        var swept = await _sweeper.SweepAsync(Ct);

        // Assert
        Assert.Equal(1, swept);
        Assert.Equal(document.ToString(), Assert.Single(_bus.Published, p => p.Topic == Topics.DocRequests).Message.Key);
    }

    [Theory]
    [InlineData(Topics.DocRequests)]
    [InlineData(Topics.ChunkProcessing)]
    public async Task Sweep_WhenAQueueStillHoldsMessagesFromBeforeTheDocument_LeavesItWaiting(string topic)
    {
        // Arrange: a backlog that started before the document was accepted, so its message is still in the queue
        var backlogStart = _time.GetUtcNow() - TimeSpan.FromSeconds(30);
        await AcceptAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        _backlog.OldestByTopic[topic] = backlogStart;

        // Act
        var swept = await _sweeper.SweepAsync(Ct);

        // Assert
        Assert.Equal(0, swept);
        Assert.Empty(_bus.Published);
    }

    [Fact]
    public async Task Sweep_WhenTheQueueHasMovedStuckAfterPastTheDocument_RepublishesItDespiteTheBacklog()
    {
        // Arrange: the consumers are behind, but already at messages published well after the document last changed
        var document = await AcceptAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        _backlog.OldestByTopic[Topics.ChunkProcessing] = _time.GetUtcNow() - TimeSpan.FromMinutes(7);

        // Act
        var swept = await _sweeper.SweepAsync(Ct);

        // Assert
        Assert.Equal(1, swept);
        Assert.Equal(document.ToString(), Assert.Single(_bus.Published).Message.Key);
    }

    private Task<Guid> AcceptAsync()
    {
        var now = _time.GetUtcNow();
        return TestDocuments.CreateAcceptedAsync(_jobs, Guid.CreateVersion7(now), now, "waiting.txt", Ct);
    }
}

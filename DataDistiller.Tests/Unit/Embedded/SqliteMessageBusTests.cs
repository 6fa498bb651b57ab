using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

/// <summary>The bus contract on the SQLite bus, plus what only the in-process bus promises (exact shares, restarts, retention).</summary>
public sealed class SqliteMessageBusTests : MessageBusContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    protected override string Topic => Topics.ChunkProcessing;

    public void Dispose()
    {
        _metrics.Dispose();
        _dir.Dispose();
    }

    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(CreateBus());

    protected override IQueueBacklog CreateBacklog() => new SqliteQueueBacklog(new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName)));

    [Fact]
    public async Task Consume_WhenTwoMembersShareAGroup_DeliversEachMessageToExactlyOne()
    {
        // Arrange
        var bus = CreateBus();
        await using var first = bus.Subscribe(Topic, "group");
        await using var second = bus.Subscribe(Topic, "group");
        await bus.PublishAsync(Topic, Messages(100), Ct);

        // Act
        var a = await DrainAsync(first);
        var b = await DrainAsync(second);

        // Assert
        Assert.NotEmpty(a);
        Assert.NotEmpty(b);
        Assert.Empty(a.Select(m => m.Key).Intersect(b.Select(m => m.Key)));
        Assert.Equal(100, a.Count + b.Count);
        Assert.Empty(a.Select(m => m.Partition).Intersect(b.Select(m => m.Partition)));
    }

    [Fact]
    public async Task Commit_ByOneGroup_NeverDeletesWhatAnotherSubscribedGroupHasNotRead()
    {
        // Arrange
        var bus = CreateBus();
        await using var fast = bus.Subscribe(Topic, "fast");
        await using var slow = bus.Subscribe(Topic, "slow");
        await bus.PublishAsync(Topic, Messages(20), Ct);

        // Act: the fast group reads and commits everything before the slow group's first fetch
        var first = await DrainAsync(fast);
        await fast.CommitAsync(first, Ct);
        var second = await DrainAsync(slow);

        // Assert
        Assert.Equal(20, first.Count);
        Assert.Equal(20, second.Count);
    }

    [Fact]
    public async Task Consume_WhenCancelledWhileFillingABatch_StillDeliversWhatItFetched()
    {
        // Arrange
        var bus = CreateBus(pollInterval: TimeSpan.FromMinutes(1));
        await using var consumer = bus.Subscribe(Topic, "group");
        await bus.PublishAsync(Topic, Messages(3), Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        // Act: ask for more than there is, with a wait far longer than the cancellation
        var batch = await consumer.ConsumeAsync(10, TimeSpan.FromMinutes(1), cancel.Token);
        await consumer.CommitAsync(batch, Ct);
        await bus.PublishAsync(Topic, Messages(2), Ct);
        var next = await consumer.ConsumeAsync(10, TimeSpan.Zero, Ct);

        // Assert
        Assert.Equal(3, batch.Count);
        Assert.Equal(2, next.Count);
    }

    [Fact]
    public async Task Consume_AfterRestartWithoutCommit_RedeliversTheMessages()
    {
        // Arrange
        var bus = CreateBus();
        await bus.PublishAsync(Topic, Messages(10), Ct);
        await using (var consumer = bus.Subscribe(Topic, "group"))
        {
            var partial = await consumer.ConsumeAsync(4, TimeSpan.Zero, Ct);
            await consumer.CommitAsync(partial, Ct);
            Assert.Equal(4, partial.Count);
            _ = await consumer.ConsumeAsync(10, TimeSpan.Zero, Ct);
        }

        // Act: a new bus on the same file is a restarted process
        var restarted = CreateBus();
        await using var again = restarted.Subscribe(Topic, "group");
        var redelivered = await DrainAsync(again);

        // Assert
        Assert.Equal(6, redelivered.Count);
    }

    [Fact]
    public async Task Commit_OfEverything_DeletesTheRowsAndARestartDeliversNothing()
    {
        // Arrange
        var bus = CreateBus();
        await bus.PublishAsync(Topic, Messages(10), Ct);
        await using (var consumer = bus.Subscribe(Topic, "group"))
        {
            var all = await DrainAsync(consumer);
            await consumer.CommitAsync(all, Ct);
        }

        // Act
        var restarted = CreateBus();
        await using var again = restarted.Subscribe(Topic, "group");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again.ConsumeAsync(10, TimeSpan.Zero, timeout.Token));
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Commit_WithinTheRetentionIntervalOfTheLastDelete_KeepsTheRowsButNeverDeliversThemAgain()
    {
        // Arrange
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var bus = CreateBus(timeProvider: clock);
        await using var consumer = bus.Subscribe(Topic, "group");
        await bus.PublishAsync(Topic, Messages(10), Ct);
        await consumer.CommitAsync(await consumer.ConsumeAsync(4, TimeSpan.Zero, Ct), Ct);
        var deletedFirst = 10 - await CountRowsAsync();

        // Act: the rest is committed at once, then again with one more message after the interval
        await consumer.CommitAsync(await consumer.ConsumeAsync(10, TimeSpan.Zero, Ct), Ct);
        var keptBeforeTheInterval = await CountRowsAsync();
        await using (var restarted = CreateBus(timeProvider: clock).Subscribe(Topic, "group"))
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            quiet.CancelAfter(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restarted.ConsumeAsync(10, TimeSpan.Zero, quiet.Token));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        await bus.PublishAsync(Topic, Messages(1), Ct);
        await consumer.CommitAsync(await consumer.ConsumeAsync(10, TimeSpan.Zero, Ct), Ct);

        // Assert
        Assert.Equal(4, deletedFirst);
        Assert.Equal(6, keptBeforeTheInterval);
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task LagGauge_AfterPartOfABacklogIsCommitted_ReportsWhatEachGroupHasLeft()
    {
        // Arrange: group names of its own, since the listener sees every embedded bus of the process.
        var (readers, idlers) = ($"readers-{Guid.NewGuid():N}", $"idle-{Guid.NewGuid():N}");
        var bus = CreateBus();
        await using var reader = bus.Subscribe(Topic, readers);
        await using var idle = bus.Subscribe(Topic, idlers);
        await bus.PublishAsync(Topic, Messages(10), Ct);

        // Act
        var got = await reader.ConsumeAsync(4, TimeSpan.Zero, Ct);
        await reader.CommitAsync(got, Ct);
        var lag = GaugeReader.Read("DataDistiller.Embedded", "messaging.consumer.lag");

        // Assert
        long LagOf(string group) => lag.Where(m => Equals(m.Tags["messaging.consumer.group.name"], group) && Equals(m.Tags["messaging.destination.name"], Topic))
            .Sum(m => m.Value);
        Assert.Equal(10 - got.Count, LagOf(readers));
        Assert.Equal(10, LagOf(idlers));
    }

    private SqliteMessageBus CreateBus(TimeSpan? pollInterval = null, TimeProvider? timeProvider = null) =>
        TestSqliteBus.Create(
            new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName)),
            _metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            pollInterval,
            timeProvider);

    private async Task<int> CountRowsAsync()
    {
        await using var connection = await new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName)).Sqlite.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bus_messages";
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

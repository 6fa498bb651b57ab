using System.Text;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteMessageBusTests : IDisposable
{
    private const string Topic = Topics.ChunkProcessing;
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Consume_WhenTwoMembersShareAGroup_DeliversEachMessageToExactlyOne()
    {
        // Arrange
        var bus = CreateBus();
        await using var first = bus.Subscribe(Topic, "group");
        await using var second = bus.Subscribe(Topic, "group");
        await bus.PublishAsync(Topic, Messages(100), _ct);

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
    public async Task Consume_WhenTwoGroups_DeliversEveryMessageToEachGroup()
    {
        // Arrange
        var bus = CreateBus();
        await using var splitter = bus.Subscribe(Topic, "one");
        await using var embedder = bus.Subscribe(Topic, "two");
        await bus.PublishAsync(Topic, Messages(20), _ct);

        // Act
        var one = await DrainAsync(splitter);
        var two = await DrainAsync(embedder);

        // Assert
        Assert.Equal(20, one.Count);
        Assert.Equal(20, two.Count);
    }

    [Fact]
    public async Task Commit_ByOneGroup_NeverDeletesWhatAnotherSubscribedGroupHasNotRead()
    {
        // Arrange
        var bus = CreateBus();
        await using var fast = bus.Subscribe(Topic, "fast");
        await using var slow = bus.Subscribe(Topic, "slow");
        await bus.PublishAsync(Topic, Messages(20), _ct);

        // Act: the fast group reads and commits everything before the slow group's first fetch
        var first = await DrainAsync(fast);
        await fast.CommitAsync(first, _ct);
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
        await bus.PublishAsync(Topic, Messages(3), _ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        // Act: ask for more than there is, with a wait far longer than the cancellation
        var batch = await consumer.ConsumeAsync(10, TimeSpan.FromMinutes(1), cancel.Token);
        await consumer.CommitAsync(batch, _ct);
        await bus.PublishAsync(Topic, Messages(2), _ct);
        var next = await consumer.ConsumeAsync(10, TimeSpan.Zero, _ct);

        // Assert
        Assert.Equal(3, batch.Count);
        Assert.Equal(2, next.Count);
    }

    [Fact]
    public async Task Consume_AfterRestartWithoutCommit_RedeliversTheMessages()
    {
        // Arrange
        var bus = CreateBus();
        await bus.PublishAsync(Topic, Messages(10), _ct);
        await using (var consumer = bus.Subscribe(Topic, "group"))
        {
            var partial = await consumer.ConsumeAsync(4, TimeSpan.Zero, _ct);
            await consumer.CommitAsync(partial, _ct);
            Assert.Equal(4, partial.Count);
            _ = await consumer.ConsumeAsync(10, TimeSpan.Zero, _ct);
        }

        // Act: a new bus on the same file is a restarted process
        var restarted = CreateBus();
        await using var again = restarted.Subscribe(Topic, "group");
        var redelivered = await DrainAsync(again);

        // Assert
        Assert.Equal(6, redelivered.Count);
    }

    [Fact]
    public async Task Consume_AfterEverythingCommitted_DeliversNothingAgainAndDeletesTheRows()
    {
        // Arrange
        var bus = CreateBus();
        await bus.PublishAsync(Topic, Messages(10), _ct);
        await using (var consumer = bus.Subscribe(Topic, "group"))
        {
            var all = await DrainAsync(consumer);
            await consumer.CommitAsync(all, _ct);
        }

        // Act
        var restarted = CreateBus();
        await using var again = restarted.Subscribe(Topic, "group");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again.ConsumeAsync(10, TimeSpan.Zero, timeout.Token));
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Publish_WithTheSameKey_KeepsOrderWithinThePartition()
    {
        // Arrange
        var bus = CreateBus();
        var messages = Enumerable.Range(0, 30).Select(i => new OutgoingMessage("same-key", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Dictionary<string, string>())).ToList();
        await using var consumer = bus.Subscribe(Topic, "group");

        // Act
        await bus.PublishAsync(Topic, messages, _ct);
        var received = await DrainAsync(consumer);

        // Assert
        Assert.Single(received.Select(m => m.Partition).Distinct());
        Assert.Equal(Enumerable.Range(0, 30), received.Select(m => int.Parse(Encoding.UTF8.GetString(m.Value.Span), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Consume_WhenIdle_WakesUpOnPublish()
    {
        // Arrange: a poll interval far longer than the test, so only the publish signal can wake the consumer
        var bus = CreateBus(pollInterval: TimeSpan.FromMinutes(1));
        await using var consumer = bus.Subscribe(Topic, "group");
        var waiting = consumer.ConsumeAsync(10, TimeSpan.Zero, _ct);

        // Act
        await bus.PublishAsync(Topic, Messages(1), _ct);
        var received = await waiting.WaitAsync(TimeSpan.FromSeconds(10), _ct);

        // Assert
        Assert.Single(received);
    }

    private SqliteMessageBus CreateBus(TimeSpan? pollInterval = null) =>
        new(
            new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName)),
            Options.Create(new EmbeddedBusOptions { PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20) }),
            TimeProvider.System);

    private async Task<int> CountRowsAsync()
    {
        await using var connection = await new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName)).Sqlite.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bus_messages";
        return Convert.ToInt32(await command.ExecuteScalarAsync(_ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<OutgoingMessage> Messages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new OutgoingMessage($"key-{i}", Encoding.UTF8.GetBytes($"value-{i}"), new Dictionary<string, string>()))];

    // Reads until a short wait brings nothing more.
    private async Task<List<ConsumedMessage>> DrainAsync(IMessageConsumer consumer)
    {
        var all = new List<ConsumedMessage>();
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(_ct);
            quiet.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                all.AddRange(await consumer.ConsumeAsync(50, TimeSpan.Zero, quiet.Token));
            }
            catch (OperationCanceledException) when (!_ct.IsCancellationRequested)
            {
                return all;
            }
        }
    }
}

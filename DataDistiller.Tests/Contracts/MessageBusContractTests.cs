using System.Globalization;
using System.Text;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>
/// The <see cref="IMessageBus"/> contract every adapter keeps: at-least-once delivery per group, order per key,
/// commit-then-nothing-again, redelivery of what was not committed. One derived class per adapter.
/// </summary>
public abstract class MessageBusContractTests
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    /// <summary>The topic of this test; an adapter on a shared server uses a fresh one per test.</summary>
    protected abstract string Topic { get; }

    /// <summary>How long a consumer sees nothing before a drain decides the topic is empty.</summary>
    protected virtual TimeSpan QuietPeriod => TimeSpan.FromMilliseconds(200);

    /// <summary>The bus; skips the test when the adapter's server is not configured.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    /// <summary>The adapter's <see cref="IQueueBacklog"/> over the same server; called after <see cref="CreateBusAsync"/>.</summary>
    protected abstract IQueueBacklog CreateBacklog();

    /// <summary>A group name unique to this test run, so groups on a shared server never meet.</summary>
    protected string Group(string name) => $"{name}-{_run}";

    [Fact]
    public async Task Consume_WhenTwoGroups_DeliversEveryMessageToEachGroup()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await using var splitter = bus.Subscribe(Topic, Group("one"));
        await using var embedder = bus.Subscribe(Topic, Group("two"));
        await bus.PublishAsync(Topic, Messages(20), Ct);

        // Act
        var one = await DrainAsync(splitter);
        var two = await DrainAsync(embedder);

        // Assert
        Assert.Equal(20, one.Select(m => m.Key).Distinct().Count());
        Assert.Equal(20, two.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public async Task Consume_WhenTwoMembersShareAGroupAndCommit_DeliversEveryMessage()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await using var first = bus.Subscribe(Topic, Group("group"));
        await using var second = bus.Subscribe(Topic, Group("group"));
        await bus.PublishAsync(Topic, Messages(100), Ct);

        // Act: both members work at once and commit each batch, as embedder replicas do
        var received = await Task.WhenAll(DrainAsync(first, commit: true), DrainAsync(second, commit: true));

        // Assert
        Assert.Equal(100, received.SelectMany(r => r).Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public async Task Publish_WithTheSameKey_KeepsOrderWithinThePartition()
    {
        // Arrange
        var bus = await CreateBusAsync();
        var messages = Enumerable.Range(0, 30)
            .Select(i => new OutgoingMessage("same-key", Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)), new Dictionary<string, string>()))
            .ToList();
        await using var consumer = bus.Subscribe(Topic, Group("group"));

        // Act
        await bus.PublishAsync(Topic, messages, Ct);
        var received = await DrainAsync(consumer);

        // Assert
        Assert.Single(received.Select(m => m.Partition).Distinct());
        Assert.Equal(Enumerable.Range(0, 30), received.Select(m => int.Parse(Encoding.UTF8.GetString(m.Value.Span), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Consume_ByTheNextMemberAfterAPartialCommit_RedeliversOnlyWhatWasNotCommitted()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await bus.PublishAsync(Topic, Messages(10), Ct);
        await using (var consumer = bus.Subscribe(Topic, Group("group")))
        {
            var partial = await TakeAsync(consumer, 4);
            await consumer.CommitAsync(partial, Ct);
            _ = await DrainAsync(consumer);
        }

        // Act
        await using var next = bus.Subscribe(Topic, Group("group"));
        var redelivered = await DrainAsync(next);

        // Assert
        Assert.Equal(6, redelivered.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public async Task Consume_AfterEverythingCommitted_DeliversNothingAgain()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await bus.PublishAsync(Topic, Messages(10), Ct);
        await using (var consumer = bus.Subscribe(Topic, Group("group")))
        {
            var all = await DrainAsync(consumer);
            await consumer.CommitAsync(all, Ct);
            Assert.Equal(10, all.Count);
        }

        // Act
        await using var again = bus.Subscribe(Topic, Group("group"));
        var redelivered = await DrainAsync(again);

        // Assert
        Assert.Empty(redelivered);
    }

    [Fact]
    public async Task Consume_WhenIdle_WakesUpOnPublish()
    {
        // Arrange
        var bus = await CreateBusAsync();
        await using var consumer = bus.Subscribe(Topic, Group("group"));
        var waiting = consumer.ConsumeAsync(10, TimeSpan.Zero, Ct);

        // Act
        await bus.PublishAsync(Topic, Messages(1), Ct);
        var received = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Assert
        Assert.Single(received);
    }

    [Fact]
    public async Task OldestUnconsumed_BeforeAndAfterTheGroupCommits_IsThePublishTimeOfTheFirstMessageThenNull()
    {
        // Arrange: a group that has taken the messages but not committed them still has them in its backlog
        var bus = await CreateBusAsync();
        var backlog = CreateBacklog();
        await using var consumer = bus.Subscribe(Topic, Group("backlog"));
        var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await bus.PublishAsync(Topic, Messages(6), Ct);
        var after = DateTimeOffset.UtcNow;
        var received = await DrainAsync(consumer);

        // Act
        var pending = await backlog.OldestUnconsumedAsync(Topic, Group("backlog"), Ct);
        await consumer.CommitAsync(received, Ct);
        var drained = await backlog.OldestUnconsumedAsync(Topic, Group("backlog"), Ct);

        // Assert
        Assert.Equal(6, received.Count);
        Assert.NotNull(pending);
        Assert.InRange(pending.Value, before, after);
        Assert.Null(drained);
    }

    protected static List<OutgoingMessage> Messages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new OutgoingMessage($"key-{i}", Encoding.UTF8.GetBytes($"value-{i}"), new Dictionary<string, string>()))];

    // Reads until the quiet period brings nothing more.
    protected async Task<List<ConsumedMessage>> DrainAsync(IMessageConsumer consumer, bool commit = false)
    {
        var all = new List<ConsumedMessage>();
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            quiet.CancelAfter(QuietPeriod);
            IReadOnlyList<ConsumedMessage> batch;
            try
            {
                batch = await consumer.ConsumeAsync(50, TimeSpan.Zero, quiet.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                return all;
            }

            all.AddRange(batch);
            if (commit)
            {
                await consumer.CommitAsync(batch, Ct);
            }
        }
    }

    // Exactly count messages, in as many batches as the adapter needs.
    private async Task<List<ConsumedMessage>> TakeAsync(IMessageConsumer consumer, int count)
    {
        var taken = new List<ConsumedMessage>(count);
        while (taken.Count < count)
        {
            taken.AddRange(await consumer.ConsumeAsync(count - taken.Count, TimeSpan.Zero, Ct));
        }

        return taken;
    }
}

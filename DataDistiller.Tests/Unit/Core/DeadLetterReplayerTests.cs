using System.Text;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class DeadLetterReplayerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedDatabase _database;
    private readonly SqliteDeadLetterStore _store;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public DeadLetterReplayerTests()
    {
        _database = new EmbeddedDatabase(_dir.File("dlq.db"));
        _store = new SqliteDeadLetterStore(_database);
    }

    [Fact]
    public async Task ReplayAllAsync_WhenEachReplayedMessageFailsAgainAtOnce_ReplaysOnlyTheLettersThereAtTheStart()
    {
        // Arrange: more letters than one page, and a pipeline that dead-letters every replayed message again at once
        const int letters = 130;
        for (var i = 0; i < letters; i++)
        {
            await _store.AddAsync(Letter(), _ct);
        }

        var replayer = new DeadLetterReplayer(_store, new SqliteJobStore(_database, TimeProvider.System), new RefailingBus(_store), TimeProvider.System);

        // Act
        var replayed = await replayer.ReplayAllAsync(Topics.DocRequests, documentId: null, _ct);

        // Assert: each original letter once; the fresh letters wait for the next replay
        Assert.Equal(letters, replayed);
        var left = await _store.ListAsync(new DeadLetterQuery(null, null, 1, 500), _ct);
        Assert.Equal(letters, left.Total);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    private static DeadLetter Letter() => new(
        DeadLetter.CurrentSchemaVersion, Guid.CreateVersion7(), Topics.DocRequests, "key", DocumentId: null, "ExtractionException",
        "No extractable text", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{}"),
        new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A bus whose every published message fails for good at once: it comes back as a new dead letter.</summary>
    private sealed class RefailingBus(IDeadLetterStore store) : IMessageBus
    {
        public async Task PublishAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var _ in messages)
            {
                await store.AddAsync(Letter(), cancellationToken);
            }
        }

        public IMessageConsumer Subscribe(string topic, string group) => throw new NotSupportedException();
    }
}

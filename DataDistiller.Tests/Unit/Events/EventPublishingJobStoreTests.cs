using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Events;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Events;

/// <summary>The decorator over a real SQLite job store: one event per durable change, and none of its failures leak.</summary>
public sealed class EventPublishingJobStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedDatabase _database;
    private readonly FakeTimeProvider _time = new(TestChanges.At);
    private readonly RecordingPublisher _published = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public EventPublishingJobStoreTests() => _database = new EmbeddedDatabase(_dir.File("jobs.db"));

    [Fact]
    public async Task Transitions_OfOneDocument_PublishEachStateRightAfterItsWrite()
    {
        // Arrange
        var store = Store(_published);
        var id = await CreateAsync(store, "acme.docs");

        // Act
        await store.TryStartSplittingAsync(id, _ct);
        await store.SetChunksTotalAsync(id, 4, _ct);
        await store.RecordRetryAsync(id, _ct);
        await store.MarkChunksDoneAsync([new ChunkRef(id, 0), new ChunkRef(id, 1)], _ct);
        await store.MarkChunksDoneAsync([new ChunkRef(id, 2), new ChunkRef(id, 3)], _ct);
        await store.MarkDeletedAsync(id, _ct);

        // Assert
        Assert.Equal(
            [
                (DocumentStatus.Accepted, 0, null),
                (DocumentStatus.Splitting, 0, null),
                (DocumentStatus.Embedding, 0, 4),
                (DocumentStatus.Embedding, 2, 4),
                (DocumentStatus.Indexed, 4, 4),
                (DocumentStatus.Deleted, 4, (int?)4),
            ],
            _published.Changes.Select(c => (c.Status, c.ChunksDone, c.ChunksTotal)));
        Assert.All(_published.Changes, c => Assert.Equal("acme.docs", c.Collection));
        Assert.All(_published.Changes, c => Assert.Equal("a.txt", c.FileName));
    }

    [Fact]
    public async Task MarkFailedThenReopen_PublishesTheReasonThenTheResumedState()
    {
        // Arrange
        var store = Store(_published);
        var id = await CreateAsync(store, "docs");
        await store.TryStartSplittingAsync(id, _ct);

        // Act
        await store.MarkFailedAsync(id, "No extractable text", _ct);
        await store.ReopenAsync(id, _ct);

        // Assert
        var failed = _published.Changes[^2];
        Assert.Equal((DocumentStatus.Failed, "No extractable text"), (failed.Status, failed.Error));
        Assert.Equal((DocumentStatus.Accepted, null), (_published.Changes[^1].Status, _published.Changes[^1].Error));
    }

    [Fact]
    public async Task CreateAsync_OfADuplicate_PublishesNothing()
    {
        // Arrange
        var store = Store(_published);
        await CreateAsync(store, "docs", sha256: "same");

        // Act
        await CreateAsync(store, "docs", sha256: "same");

        // Assert
        Assert.Single(_published.Changes);
    }

    [Fact]
    public async Task Transitions_WhenThePublisherFails_StillSucceedAndPersist()
    {
        // Arrange
        var store = Store(new FailingPublisher());
        var id = await CreateAsync(store, "docs");

        // Act
        await store.TryStartSplittingAsync(id, _ct);
        await store.SetChunksTotalAsync(id, 1, _ct);
        var progress = await store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);

        // Assert
        Assert.Equal(DocumentStatus.Indexed, progress.Single().Status);
        Assert.Equal(DocumentStatus.Indexed, (await store.GetAsync(id, _ct))!.Status);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    private EventPublishingJobStore Store(IDocumentEventPublisher publisher) =>
        new(new SqliteJobStore(_database, _time), publisher, _time, NullLogger<EventPublishingJobStore>.Instance);

    private async Task<Guid> CreateAsync(EventPublishingJobStore store, string collection, string? sha256 = null)
    {
        await store.EnsureCollectionAsync(collection, _ct);
        var id = Guid.CreateVersion7();
        var stored = await store.CreateAsync(
            new DocumentRecord
            {
                DocumentId = id, JobId = Guid.CreateVersion7(), Collection = collection, FileName = "a.txt", ContentType = "text/plain",
                BlobKey = $"{collection}/{id:N}", SizeBytes = 3, Sha256 = sha256 ?? id.ToString("N"), AcceptedAt = _time.GetUtcNow(),
                UpdatedAt = _time.GetUtcNow(),
            },
            _ct);
        return stored.DocumentId;
    }

    private sealed class RecordingPublisher : IDocumentEventPublisher
    {
        public List<DocumentChanged> Changes { get; } = [];

        public Task PublishAsync(DocumentChanged change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingPublisher : IDocumentEventPublisher
    {
        public Task PublishAsync(DocumentChanged change, CancellationToken cancellationToken) =>
            Task.FromException(new IOException("The event channel is down."));
    }
}

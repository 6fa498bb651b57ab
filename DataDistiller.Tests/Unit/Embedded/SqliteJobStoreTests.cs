using DataDistiller.Core.Documents;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteJobStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly SqliteJobStore _store;

    public SqliteJobStoreTests() => _store = new SqliteJobStore(new EmbeddedDatabase(_dir.File("jobs.db")), _time);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task MarkChunksDone_WhenChunksAreRedelivered_CountsEachOnceAndIndexesAtTheTotal()
    {
        // Arrange
        var id = await CreateAsync();
        await _store.TryStartSplittingAsync(id, _ct);
        await _store.SetChunksTotalAsync(id, 3, _ct);

        // Act
        var first = await _store.MarkChunksDoneAsync([new ChunkRef(id, 0), new ChunkRef(id, 1)], _ct);
        var repeat = await _store.MarkChunksDoneAsync([new ChunkRef(id, 1), new ChunkRef(id, 0)], _ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        var last = await _store.MarkChunksDoneAsync([new ChunkRef(id, 2), new ChunkRef(id, 2)], _ct);

        // Assert
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Embedding, 2, 3), first.Single());
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Embedding, 2, 3), repeat.Single());
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Indexed, 3, 3), last.Single());
        var document = (await _store.GetAsync(id, _ct))!;
        Assert.Equal(100, document.Progress);
        Assert.Equal(_time.GetUtcNow(), document.IndexedAt);
    }

    [Fact]
    public async Task TryStartSplitting_WhenRedeliveredDuringEmbedding_KeepsStatusAndDoneSet()
    {
        // Arrange: a split request delivered again after the chunks were published and some embedded
        var id = await CreateAsync();
        await _store.TryStartSplittingAsync(id, _ct);
        await _store.SetChunksTotalAsync(id, 3, _ct);
        await _store.MarkChunksDoneAsync([new ChunkRef(id, 0), new ChunkRef(id, 2)], _ct);

        // Act
        var again = await _store.TryStartSplittingAsync(id, _ct);
        await _store.SetChunksTotalAsync(id, 3, _ct);
        var done = await _store.GetDoneChunksAsync(id, _ct);

        // Assert
        Assert.True(again);
        var document = (await _store.GetAsync(id, _ct))!;
        Assert.Equal(DocumentStatus.Embedding, document.Status);
        Assert.Equal(2, document.ChunksDone);
        Assert.Equal([0, 2], done.Order());
    }

    [Fact]
    public async Task TryStartSplitting_WhenIndexed_ReturnsFalse()
    {
        // Arrange
        var id = await CreateAsync();
        await _store.TryStartSplittingAsync(id, _ct);
        await _store.SetChunksTotalAsync(id, 1, _ct);
        await _store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);

        // Act
        var again = await _store.TryStartSplittingAsync(id, _ct);

        // Assert
        Assert.False(again);
        Assert.Equal(DocumentStatus.Indexed, (await _store.GetAsync(id, _ct))!.Status);
    }

    [Fact]
    public async Task TryStartSplitting_WhenInProgress_AllowsTheRetryAndKeepsTheFirstTimestamp()
    {
        // Arrange
        var id = await CreateAsync();
        await _store.TryStartSplittingAsync(id, _ct);
        var firstStart = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(1));

        // Act
        var again = await _store.TryStartSplittingAsync(id, _ct);

        // Assert
        Assert.True(again);
        Assert.Equal(firstStart, (await _store.GetAsync(id, _ct))!.SplittingAt);
    }

    [Fact]
    public async Task MarkFailed_RecordsTheReasonAndEndsTheDocument()
    {
        // Arrange
        var id = await CreateAsync();

        // Act
        await _store.MarkFailedAsync(id, "PDF is encrypted", _ct);

        // Assert
        var document = (await _store.GetAsync(id, _ct))!;
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Equal("PDF is encrypted", document.Error);
        Assert.NotNull(document.FailedAt);
        Assert.False(await _store.TryStartSplittingAsync(id, _ct));
    }

    [Fact]
    public async Task List_FiltersByCollectionAndStatusAndPagesNewestFirst()
    {
        // Arrange
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync("alpha"));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        await CreateAsync("beta");
        await _store.MarkFailedAsync(ids[0], "broken", _ct);

        // Act
        var page = await _store.ListAsync(new DocumentQuery("alpha", null, 1, 2), _ct);
        var failed = await _store.ListAsync(new DocumentQuery(null, DocumentStatus.Failed, 1, 10), _ct);

        // Assert
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[4], ids[3]], page.Items.Select(d => d.DocumentId));
        Assert.Equal(ids[0], Assert.Single(failed.Items).DocumentId);
    }

    [Fact]
    public async Task Get_WhenUnknown_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync(Guid.NewGuid(), _ct));
    }

    private async Task<Guid> CreateAsync(string collection = "default")
    {
        var now = _time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await _store.EnsureCollectionAsync(collection, _ct);
        await _store.CreateAsync(
            new DocumentRecord
            {
                DocumentId = id,
                JobId = Guid.CreateVersion7(now),
                Collection = collection,
                FileName = "a.txt",
                ContentType = "text/plain",
                BlobKey = $"{collection}/{id:N}",
                SizeBytes = 3,
                Sha256 = "abc",
                AcceptedAt = now,
                UpdatedAt = now,
            },
            _ct);
        return id;
    }
}

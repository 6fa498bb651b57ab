using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>The behaviour every <see cref="IJobStore"/> adapter must have; one derived class per adapter runs it.</summary>
public abstract class JobStoreContractTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected IJobStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync(_time, _ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store on empty storage, reading the clock from <paramref name="time"/>.</summary>
    protected abstract Task<IJobStore> CreateStoreAsync(TimeProvider time, CancellationToken cancellationToken);

    [Fact]
    public async Task MarkChunksDone_WhenChunksAreRedelivered_CountsEachOnceAndIndexesAtTheTotal()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 3, _ct);

        // Act
        var first = await Store.MarkChunksDoneAsync([new ChunkRef(id, 0), new ChunkRef(id, 1)], _ct);
        var repeat = await Store.MarkChunksDoneAsync([new ChunkRef(id, 1), new ChunkRef(id, 0)], _ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        var last = await Store.MarkChunksDoneAsync([new ChunkRef(id, 2), new ChunkRef(id, 2)], _ct);

        // Assert
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Embedding, 2, 3), first.Single());
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Embedding, 2, 3), repeat.Single());
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Indexed, 3, 3), last.Single());
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Equal(100, document.Progress);
        Assert.Equal(_time.GetUtcNow(), document.IndexedAt);
    }

    [Fact]
    public async Task MarkChunksDone_ForADeletedAndAnUnknownDocument_ReportsDeletedAndLeavesTheUnknownOut()
    {
        // Arrange: the embedder decides from this answer whether its freshly indexed points must go again
        var live = await CreateAsync();
        await Store.TryStartSplittingAsync(live, _ct);
        await Store.SetChunksTotalAsync(live, 2, _ct);
        var deleted = await CreateAsync();
        await Store.TryStartSplittingAsync(deleted, _ct);
        await Store.SetChunksTotalAsync(deleted, 2, _ct);
        await Store.MarkDeletedAsync(deleted, _ct);
        var unknown = Guid.CreateVersion7();

        // Act
        var progress = await Store.MarkChunksDoneAsync([new ChunkRef(live, 0), new ChunkRef(deleted, 0), new ChunkRef(unknown, 0)], _ct);

        // Assert
        Assert.Equal(
            [new DocumentProgress(live, DocumentStatus.Embedding, 1, 2), new DocumentProgress(deleted, DocumentStatus.Deleted, 0, 2)],
            progress.OrderBy(p => p.DocumentId == deleted));
        Assert.Empty(await Store.GetDoneChunksAsync(deleted, _ct));
    }

    [Fact]
    public async Task TryStartSplittingAndSetChunksTotal_ReturnTheRowAsEachChangeLeftIt()
    {
        // Arrange
        var id = await CreateAsync();
        _time.Advance(TimeSpan.FromSeconds(3));

        // Act
        var started = await Store.TryStartSplittingAsync(id, _ct);
        var afterStart = await Store.GetAsync(id, _ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var counted = await Store.SetChunksTotalAsync(id, 4, _ct);
        var afterCount = await Store.GetAsync(id, _ct);

        // Assert
        Assert.Equal(afterStart, started);
        Assert.Equal(DocumentStatus.Splitting, started!.Status);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(2), started.SplittingAt);
        Assert.Equal(afterCount, counted);
        Assert.Equal(DocumentStatus.Embedding, counted!.Status);
        Assert.Equal(4, counted.ChunksTotal);
        Assert.Equal(0, counted.ChunksDone);
    }

    [Fact]
    public async Task SetChunksTotal_WhenDeletedWhileSplitting_ReturnsNullAndChangesNothing()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.MarkDeletedAsync(id, _ct);

        // Act
        var counted = await Store.SetChunksTotalAsync(id, 4, _ct);

        // Assert
        Assert.Null(counted);
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Equal(DocumentStatus.Deleted, document.Status);
        Assert.Null(document.ChunksTotal);
    }

    [Fact]
    public async Task TryStartSplitting_WhenRedeliveredDuringEmbedding_KeepsStatusAndDoneSet()
    {
        // Arrange: a split request delivered again after the chunks were published and some embedded
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 3, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(id, 0), new ChunkRef(id, 2)], _ct);

        // Act
        var again = await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 3, _ct);
        var done = await Store.GetDoneChunksAsync(id, _ct);

        // Assert
        Assert.Equal(DocumentStatus.Embedding, again?.Status);
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Equal(DocumentStatus.Embedding, document.Status);
        Assert.Equal(2, document.ChunksDone);
        Assert.Equal([0, 2], done.Order());
    }

    [Fact]
    public async Task TryStartSplitting_WhenIndexed_ReturnsFalse()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 1, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);

        // Act
        var again = await Store.TryStartSplittingAsync(id, _ct);

        // Assert
        Assert.Null(again);
        Assert.Equal(DocumentStatus.Indexed, (await Store.GetAsync(id, _ct))!.Status);
    }

    [Fact]
    public async Task TryStartSplitting_WhenInProgress_AllowsTheRetryAndKeepsTheFirstTimestamp()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        var firstStart = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(1));

        // Act
        var again = await Store.TryStartSplittingAsync(id, _ct);

        // Assert
        Assert.NotNull(again);
        Assert.Equal(firstStart, (await Store.GetAsync(id, _ct))!.SplittingAt);
    }

    [Fact]
    public async Task MarkFailed_RecordsTheReasonAndEndsTheDocument()
    {
        // Arrange
        var id = await CreateAsync();

        // Act
        await Store.MarkFailedAsync(id, "PDF is encrypted", _ct);

        // Assert
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Equal("PDF is encrypted", document.Error);
        Assert.NotNull(document.FailedAt);
        Assert.Null(await Store.TryStartSplittingAsync(id, _ct));
    }

    [Fact]
    public async Task MarkFailed_OnlyWhenItMovesTheDocumentToFailed_ReturnsTrue()
    {
        // Arrange: one document in progress (several dead letters may arrive), one indexed, one deleted
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 2, _ct);
        var indexed = await CreateAsync();
        await Store.TryStartSplittingAsync(indexed, _ct);
        await Store.SetChunksTotalAsync(indexed, 1, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(indexed, 0)], _ct);
        var deleted = await CreateAsync();
        await Store.MarkDeletedAsync(deleted, _ct);

        // Act
        var first = await Store.MarkFailedAsync(id, "chunk 0 failed", _ct);
        var second = await Store.MarkFailedAsync(id, "chunk 1 failed", _ct);
        var ofIndexed = await Store.MarkFailedAsync(indexed, "late", _ct);
        var ofDeleted = await Store.MarkFailedAsync(deleted, "late", _ct);
        var ofUnknown = await Store.MarkFailedAsync(Guid.CreateVersion7(), "late", _ct);
        await Store.ReopenAsync(id, _ct);
        var afterReopen = await Store.MarkFailedAsync(id, "failed again", _ct);

        // Assert
        Assert.Equal((true, false, false, false, false, true), (first, second, ofIndexed, ofDeleted, ofUnknown, afterReopen));
        Assert.Equal("failed again", (await Store.GetAsync(id, _ct))!.Error);
        Assert.Equal(DocumentStatus.Indexed, (await Store.GetAsync(indexed, _ct))!.Status);
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
        await Store.MarkFailedAsync(ids[0], "broken", _ct);

        // Act
        var page = await Store.ListAsync(new DocumentQuery("alpha", null, 1, 2), _ct);
        var failed = await Store.ListAsync(new DocumentQuery(null, DocumentStatus.Failed, 1, 10), _ct);

        // Assert
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[4], ids[3]], page.Items.Select(d => d.DocumentId));
        Assert.Equal(ids[0], Assert.Single(failed.Items).DocumentId);
    }

    [Fact]
    public async Task List_WithATenant_ListsOnlyThatTenantsCollections()
    {
        // Arrange: keys as CollectionAddress makes them; "a_b" checks '_' is no wildcard, "ab" that a prefix is no match.
        var mine = await CreateAsync(new CollectionAddress("a_b", "papers").Key);
        var mineToo = await CreateAsync(new CollectionAddress("a_b", "notes").Key);
        var other = await CreateAsync(new CollectionAddress("axb", "papers").Key);
        var longer = await CreateAsync(new CollectionAddress("a_bc", "papers").Key);
        var defaults = await CreateAsync(new CollectionAddress(CollectionAddress.DefaultTenant, "papers").Key);

        // Act
        var tenant = await Store.ListAsync(new DocumentQuery(null, null, 1, 10, "a_b"), _ct);
        var tenantCollection = await Store.ListAsync(new DocumentQuery(new CollectionAddress("a_b", "papers").Key, null, 1, 10, "a_b"), _ct);
        var defaultTenant = await Store.ListAsync(new DocumentQuery(null, null, 1, 10, CollectionAddress.DefaultTenant), _ct);
        var everyone = await Store.ListAsync(new DocumentQuery(null, null, 1, 10), _ct);

        // Assert
        Assert.Equal(new[] { mine, mineToo }.Order(), tenant.Items.Select(d => d.DocumentId).Order());
        Assert.Equal(2, tenant.Total);
        Assert.Equal(mine, Assert.Single(tenantCollection.Items).DocumentId);
        Assert.Equal(defaults, Assert.Single(defaultTenant.Items).DocumentId);
        Assert.Equal(5, everyone.Total);
        Assert.DoesNotContain(other, tenant.Items.Select(d => d.DocumentId));
        Assert.DoesNotContain(longer, tenant.Items.Select(d => d.DocumentId));
    }

    [Fact]
    public async Task MarkChunksDone_FromConcurrentEmbedders_CountsEveryChunkOnceAndIndexesOnce()
    {
        // Arrange: 8 embedders, each marking its own 25 chunks one message at a time and redelivering its previous one
        const int Embedders = 8, ChunksEach = 25;
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, Embedders * ChunksEach, _ct);
        var reports = new System.Collections.Concurrent.ConcurrentBag<DocumentProgress>();

        // Act
        await Task.WhenAll(Enumerable.Range(0, Embedders).Select(embedder => Task.Run(
            async () =>
            {
                for (var i = 0; i < ChunksEach; i++)
                {
                    var ordinal = (i * Embedders) + embedder;
                    ChunkRef[] batch = i == 0 ? [new(id, ordinal)] : [new(id, ordinal - Embedders), new(id, ordinal)];
                    foreach (var report in await Store.MarkChunksDoneAsync(batch, _ct))
                    {
                        reports.Add(report);
                    }
                }
            },
            _ct)));

        // Assert: every call added one new chunk, so only the one that added the last saw the set complete
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Equal((DocumentStatus.Indexed, Embedders * ChunksEach), (document.Status, document.ChunksDone));
        Assert.Equal(Embedders * ChunksEach, (await Store.GetDoneChunksAsync(id, _ct)).Count);
        Assert.Single(reports, r => r.Status == DocumentStatus.Indexed);
        Assert.Equal(Enumerable.Range(1, Embedders * ChunksEach), reports.Select(r => r.ChunksDone).Order());
    }

    [Fact]
    public async Task Reopen_WhenFailedAfterSplitting_ResumesEmbeddingAndIndexesWithTheDoneSetKept()
    {
        // Arrange: a document failed with one of two chunks done
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 2, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);
        await Store.MarkFailedAsync(id, "Embedding failed", _ct);

        // Act
        var reopened = await Store.ReopenAsync(id, _ct);
        var again = await Store.ReopenAsync(id, _ct);
        var last = await Store.MarkChunksDoneAsync([new ChunkRef(id, 1)], _ct);

        // Assert
        Assert.True(reopened);
        Assert.False(again);
        Assert.Equal(new DocumentProgress(id, DocumentStatus.Indexed, 2, 2), last.Single());
        var document = (await Store.GetAsync(id, _ct))!;
        Assert.Null(document.Error);
        Assert.Null(document.FailedAt);
    }

    [Fact]
    public async Task Reopen_WhenFailedBeforeSplitting_GoesBackToAcceptedAndCanSplitAgain()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.MarkFailedAsync(id, "PDF is encrypted", _ct);

        // Act
        var reopened = await Store.ReopenAsync(id, _ct);

        // Assert
        Assert.True(reopened);
        Assert.Equal(DocumentStatus.Accepted, (await Store.GetAsync(id, _ct))!.Status);
        Assert.NotNull(await Store.TryStartSplittingAsync(id, _ct));
    }

    [Fact]
    public async Task Reopen_WhenNotFailed_ReturnsFalseAndChangesNothing()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);

        // Act
        var reopened = await Store.ReopenAsync(id, _ct);

        // Assert
        Assert.False(reopened);
        Assert.Equal(DocumentStatus.Splitting, (await Store.GetAsync(id, _ct))!.Status);
    }

    [Fact]
    public async Task RecordRetry_CountsEachRetryOnTheDocument()
    {
        // Arrange
        var id = await CreateAsync();
        var other = await CreateAsync();

        // Act
        await Store.RecordRetryAsync(id, _ct);
        await Store.RecordRetryAsync(id, _ct);

        // Assert
        Assert.Equal(2, (await Store.GetAsync(id, _ct))!.Retries);
        Assert.Equal(0, (await Store.GetAsync(other, _ct))!.Retries);
        Assert.Equal(2, (await Store.ListAsync(new DocumentQuery(null, null, 1, 10), _ct)).Items.Single(d => d.DocumentId == id).Retries);
    }

    [Fact]
    public async Task ClaimStuck_ReturnsInProgressDocumentsWithNoChangeSinceTheThreshold_OnlyOnceUntilItPassesAgain()
    {
        // Arrange: accepted, splitting and embedding documents left alone for 3 minutes; one indexed, one failed, one fresh
        var accepted = await CreateAsync();
        var splitting = await CreateAsync();
        await Store.TryStartSplittingAsync(splitting, _ct);
        var embedding = await CreateAsync();
        await Store.TryStartSplittingAsync(embedding, _ct);
        await Store.SetChunksTotalAsync(embedding, 2, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(embedding, 0)], _ct);
        var indexed = await CreateAsync();
        await Store.TryStartSplittingAsync(indexed, _ct);
        await Store.SetChunksTotalAsync(indexed, 1, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(indexed, 0)], _ct);
        var failed = await CreateAsync();
        await Store.MarkFailedAsync(failed, "unreadable", _ct);
        _time.Advance(TimeSpan.FromMinutes(3));
        var fresh = await CreateAsync();
        var threshold = TimeSpan.FromMinutes(2);

        // Act
        var claimed = await Store.ClaimStuckAsync(_time.GetUtcNow() - threshold, 100, _ct);
        var again = await Store.ClaimStuckAsync(_time.GetUtcNow() - threshold, 100, _ct);
        _time.Advance(TimeSpan.FromMinutes(3));
        var later = await Store.ClaimStuckAsync(_time.GetUtcNow() - threshold, 100, _ct);

        // Assert
        Assert.Equal(new[] { accepted, splitting, embedding }.Order(), claimed.Select(d => d.DocumentId).Order());
        Assert.Equal(1, claimed.Single(d => d.DocumentId == embedding).ChunksDone);
        Assert.Empty(again);
        Assert.Equal(new[] { accepted, splitting, embedding, fresh }.Order(), later.Select(d => d.DocumentId).Order());
        Assert.DoesNotContain(indexed, later.Select(d => d.DocumentId));
        Assert.DoesNotContain(failed, later.Select(d => d.DocumentId));
    }

    [Fact]
    public async Task ClaimStuck_FromConcurrentSweepers_GivesEachDocumentToExactlyOne()
    {
        // Arrange
        const int Documents = 40, Sweepers = 6;
        var ids = new List<Guid>();
        for (var i = 0; i < Documents; i++)
        {
            ids.Add(await CreateAsync());
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        var since = _time.GetUtcNow() - TimeSpan.FromMinutes(2);

        // Act: small batches so the sweepers race over the same rows many times
        var claims = await Task.WhenAll(Enumerable.Range(0, Sweepers).Select(_ => Task.Run(
            async () =>
            {
                var mine = new List<Guid>();
                IReadOnlyList<DocumentRecord> batch;
                do
                {
                    batch = await Store.ClaimStuckAsync(since, 3, _ct);
                    mine.AddRange(batch.Select(d => d.DocumentId));
                }
                while (batch.Count > 0);
                return mine;
            },
            _ct)));

        // Assert
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(ids.Order(), all.Order());
    }

    [Fact]
    public async Task Get_WhenUnknown_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Guid.NewGuid(), _ct));
    }

    [Fact]
    public async Task Create_WhenALiveDocumentHasTheSameBytes_ReturnsItAndWritesNothing()
    {
        // Arrange
        var first = await CreateAsync("alpha", sha256: "same");
        await Store.EnsureCollectionAsync("beta", _ct);

        // Act
        var second = await Store.CreateAsync(Document("alpha", "same"), _ct);
        var otherCollection = await Store.CreateAsync(Document("beta", "same"), _ct);

        // Assert
        Assert.Equal(first, second.DocumentId);
        Assert.NotEqual(first, otherCollection.DocumentId);
        Assert.Equal(1, (await Store.ListAsync(new DocumentQuery("alpha", null, 1, 10), _ct)).Total);
    }

    [Fact]
    public async Task Create_WhenTheEarlierCopyFailedOrWasDeleted_CreatesANewDocument()
    {
        // Arrange
        var failed = await CreateAsync(sha256: "same");
        await Store.MarkFailedAsync(failed, "unreadable", _ct);

        // Act
        var reopened = await Store.CreateAsync(Document("default", "same"), _ct);
        await Store.MarkDeletedAsync(reopened.DocumentId, _ct);
        var afterDelete = await Store.CreateAsync(Document("default", "same"), _ct);

        // Assert
        Assert.NotEqual(failed, reopened.DocumentId);
        Assert.Equal(DocumentStatus.Accepted, reopened.Status);
        Assert.NotEqual(reopened.DocumentId, afterDelete.DocumentId);
    }

    [Fact]
    public async Task Create_WhenTheSameBytesArriveConcurrently_CreatesExactlyOneDocument()
    {
        // Arrange
        await Store.EnsureCollectionAsync("race", _ct);
        var candidates = Enumerable.Range(0, 8).Select(_ => Document("race", "same")).ToList();

        // Act
        var stored = await Task.WhenAll(candidates.Select(d => Task.Run(() => Store.CreateAsync(d, _ct), _ct)));

        // Assert
        var winner = Assert.Single(stored.Select(d => d.DocumentId).Distinct());
        Assert.Contains(candidates, d => d.DocumentId == winner);
        Assert.Equal(1, (await Store.ListAsync(new DocumentQuery("race", null, 1, 10), _ct)).Total);
    }

    [Fact]
    public async Task MarkDeleted_ThenPurge_RemovesTheDocumentAndItsDoneSet()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 3, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);

        // Act
        var marked = await Store.MarkDeletedAsync(id, _ct);
        var lateDone = await Store.MarkChunksDoneAsync([new ChunkRef(id, 1)], _ct);
        await Store.MarkFailedAsync(id, "late failure", _ct);
        var startsAgain = await Store.TryStartSplittingAsync(id, _ct);
        var listed = await Store.ListAsync(new DocumentQuery(null, null, 1, 10), _ct);
        var tombstone = await Store.GetAsync(id, _ct);
        await Store.PurgeAsync(id, _ct);

        // Assert
        Assert.Equal(id, marked!.DocumentId);
        Assert.Equal(DocumentStatus.Deleted, tombstone!.Status);
        Assert.Equal(1, Assert.Single(lateDone).ChunksDone);
        Assert.Null(startsAgain);
        Assert.Empty(listed.Items);
        Assert.Null(await Store.GetAsync(id, _ct));
        Assert.Empty(await Store.GetDoneChunksAsync(id, _ct));
        Assert.Null(await Store.MarkDeletedAsync(id, _ct));
    }

    [Fact]
    public async Task Purge_WhenTheDocumentIsLive_RemovesNothing()
    {
        // Arrange
        var id = await CreateAsync();
        await Store.TryStartSplittingAsync(id, _ct);
        await Store.SetChunksTotalAsync(id, 2, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(id, 0)], _ct);

        // Act
        await Store.PurgeAsync(id, _ct);

        // Assert
        Assert.Equal(DocumentStatus.Embedding, (await Store.GetAsync(id, _ct))!.Status);
        Assert.Equal([0], await Store.GetDoneChunksAsync(id, _ct));
    }

    [Fact]
    public async Task MarkCollectionDeleted_MarksOnlyThatCollectionsDocuments()
    {
        // Arrange
        var a1 = await CreateAsync("alpha");
        var a2 = await CreateAsync("alpha");
        var b = await CreateAsync("beta");

        // Act
        var marked = await Store.MarkCollectionDeletedAsync("alpha", _ct);

        // Assert
        Assert.Equal(new[] { a1, a2 }.Order(), marked.Select(d => d.DocumentId).Order());
        Assert.Equal(DocumentStatus.Deleted, (await Store.GetAsync(a1, _ct))!.Status);
        Assert.Equal(DocumentStatus.Accepted, (await Store.GetAsync(b, _ct))!.Status);
        Assert.Empty(await Store.MarkCollectionDeletedAsync("unknown", _ct));
    }

    [Fact]
    public async Task ListCollections_CountsLiveDocumentsPerStatusAndLeavesOutCollectionsWithNoneLeft()
    {
        // Arrange: "alpha" with one indexed, one failed and one accepted document, a tenant's collection, and "gone" all deleted
        var indexed = await CreateAsync("alpha");
        await Store.TryStartSplittingAsync(indexed, _ct);
        await Store.SetChunksTotalAsync(indexed, 1, _ct);
        await Store.MarkChunksDoneAsync([new ChunkRef(indexed, 0)], _ct);
        await Store.MarkFailedAsync(await CreateAsync("alpha"), "broken", _ct);
        await CreateAsync("alpha");
        await Store.MarkDeletedAsync(await CreateAsync("alpha"), _ct);
        await CreateAsync("acme.alpha");
        await CreateAsync("gone");
        await Store.MarkCollectionDeletedAsync("gone", _ct);

        // Act
        var collections = await Store.ListCollectionsAsync(_ct);

        // Assert
        Assert.Equal(
            [new CollectionSummary("acme.alpha", 1, 0, 0, 0, 0), new CollectionSummary("alpha", 1, 0, 0, 1, 1)],
            collections);
        Assert.Equal(3, collections[1].Documents);
    }

    protected async Task<Guid> CreateAsync(string collection = "default", string? sha256 = null)
    {
        await Store.EnsureCollectionAsync(collection, _ct);
        var document = Document(collection, sha256);
        var stored = await Store.CreateAsync(document, _ct);
        Assert.Equal(document.DocumentId, stored.DocumentId);
        return stored.DocumentId;
    }

    // Each document gets its own bytes unless the test names them: live copies of the same bytes are one document.
    private DocumentRecord Document(string collection, string? sha256)
    {
        var now = _time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        return new DocumentRecord
        {
            DocumentId = id,
            JobId = Guid.CreateVersion7(now),
            Collection = collection,
            FileName = "a.txt",
            ContentType = "text/plain",
            BlobKey = $"{collection}/{id:N}",
            SizeBytes = 3,
            Sha256 = sha256 ?? id.ToString("N"),
            AcceptedAt = now,
            UpdatedAt = now,
        };
    }
}

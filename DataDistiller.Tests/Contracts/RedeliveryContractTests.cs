using DataDistiller.Core.Documents;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>
/// The embedder handler on a real job store and the local index: redelivered chunk messages never duplicate chunks,
/// vectors or progress, and a document deleted while its chunks are being embedded leaves nothing behind.
/// </summary>
public abstract class RedeliveryContractTests : IAsyncLifetime
{
    private const string Collection = "redelivery";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new();
    private readonly GatedEmbeddingGenerator _embedder = new();
    private LocalChunkIndex _index = null!;
    private FolderBlobStore _blobs = null!;
    private IJobStore _jobs = null!;
    private EmbedChunksHandler _handler = null!;

    public async ValueTask InitializeAsync()
    {
        _jobs = await CreateJobStoreAsync(_ct);
        _index = new LocalChunkIndex(_dir.File(LocalChunkIndex.FileName));
        _blobs = new FolderBlobStore(_dir.File("blobs"));
        _handler = new EmbedChunksHandler(_jobs, _index, _embedder, new EmbeddingModelResolver(_embedder), TimeProvider.System, NullLogger<EmbedChunksHandler>.Instance);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _index.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A job store on empty storage.</summary>
    protected abstract Task<IJobStore> CreateJobStoreAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task EmbedChunks_WhenMessagesAreRedelivered_StoresAndCountsEachChunkOnce()
    {
        // Arrange: overlapping batches, each delivered more than once
        var document = await CreateDocumentAsync(chunks: 4);
        var first = Messages(document, 0, 1);
        var second = Messages(document, 1, 2, 3);

        // Act
        await _handler.HandleAsync(first, _ct);
        await _handler.HandleAsync(first, _ct);
        await _handler.HandleAsync(second, _ct);
        await _handler.HandleAsync([.. first, .. second], _ct);

        // Assert
        Assert.Equal([0, 1, 2, 3], (await _index.GetDocumentChunksAsync(document.DocumentId, _ct)).Select(c => c.Ordinal));
        Assert.Equal(4, _index.InMemoryVectorCount(Collection));
        Assert.Equal(4, (await _index.SearchKeywordAsync(Collection, "tide", 20, _ct)).Count);
        Assert.Equal(4, (await _index.SearchDenseAsync(Collection, _embedder.Embed("tide station"), 20, _ct)).Count);
        var stored = (await _jobs.GetAsync(document.DocumentId, _ct))!;
        Assert.Equal((DocumentStatus.Indexed, 4, 4), (stored.Status, stored.ChunksDone, stored.ChunksTotal));
        Assert.Equal(4, (await _jobs.GetDoneChunksAsync(document.DocumentId, _ct)).Count);
    }

    [Fact]
    public async Task EmbedChunks_WhenTheDocumentIsDeletedMidEmbedding_LeavesNoChunkRowOrVector()
    {
        // Arrange: one batch indexed, the next one held inside the model call
        var document = await CreateDocumentAsync(chunks: 4);
        await _handler.HandleAsync(Messages(document, 0, 1), _ct);
        _embedder.Close();
        var late = _handler.HandleAsync(Messages(document, 2, 3), _ct);
        await _embedder.Blocked.WaitAsync(TimeSpan.FromMinutes(1), _ct);

        // Act
        var deleted = await new DocumentRemoval(_jobs, _blobs, _index, NullLogger<DocumentRemoval>.Instance).DeleteDocumentAsync(document.DocumentId, _ct);
        _embedder.Open();
        await late;
        await _handler.HandleAsync(Messages(document, 0, 1, 2, 3), _ct);

        // Assert
        Assert.True(deleted);
        Assert.Empty(await _index.GetDocumentChunksAsync(document.DocumentId, _ct));
        Assert.Equal(0, _index.InMemoryVectorCount(Collection));
        Assert.Empty(await _index.SearchKeywordAsync(Collection, "tide", 20, _ct));
        Assert.Null(await _jobs.GetAsync(document.DocumentId, _ct));
        Assert.Empty(await _jobs.GetDoneChunksAsync(document.DocumentId, _ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _blobs.OpenReadAsync(document.BlobKey, _ct));
    }

    private async Task<DocumentRecord> CreateDocumentAsync(int chunks)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        using var bytes = new MemoryStream("tide tables"u8.ToArray());
        var blob = await _blobs.PutAsync($"{Collection}/{id:N}", bytes, _ct);
        var document = new DocumentRecord
        {
            DocumentId = id,
            JobId = Guid.CreateVersion7(now),
            Collection = Collection,
            FileName = "tides.txt",
            ContentType = "text/plain",
            BlobKey = blob.Key,
            SizeBytes = blob.SizeBytes,
            Sha256 = blob.Sha256,
            AcceptedAt = now,
            UpdatedAt = now,
        };
        await _jobs.EnsureCollectionAsync(Collection, _ct);
        await _jobs.CreateAsync(document, _ct);
        await _jobs.TryStartSplittingAsync(id, _ct);
        await _jobs.SetChunksTotalAsync(id, chunks, _ct);
        return document;
    }

    private static List<ChunkEmbedRequested> Messages(DocumentRecord document, params int[] ordinals) =>
        [.. ordinals.Select(o => new ChunkEmbedRequested(
            ChunkEmbedRequested.CurrentSchemaVersion, Guid.CreateVersion7(), DateTimeOffset.UtcNow, document.DocumentId, Collection,
            document.FileName, o, $"The tide height at station {o} was recorded.", 1, 1, Attempt: 1))];
}

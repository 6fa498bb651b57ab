using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text;
using DataDistiller.Core.Chunking;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

/// <summary>The splitter on the embedded job store, bus and blob folder: what it publishes for a first split, a redelivery and a deletion.</summary>
public sealed class SplitDocumentHandlerTests : IDisposable
{
    private const string Collection = "default";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EmbeddedDatabase _database;
    private readonly SqliteMessageBus _bus;
    private readonly SqliteJobStore _jobs;
    private readonly FolderBlobStore _blobs;
    private readonly OnnxEmbeddingGenerator _model = new(new OnnxEmbeddingOptions());
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public SplitDocumentHandlerTests()
    {
        _database = new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName));
        _bus = TestSqliteBus.Create(_database, _metrics.GetRequiredService<IMeterFactory>());
        _jobs = new SqliteJobStore(_database, TimeProvider.System);
        _blobs = new FolderBlobStore(_dir.File("blobs"));
    }

    public void Dispose()
    {
        _model.Dispose();
        _metrics.Dispose();
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Handle_FirstSplit_PublishesEveryChunkWithoutReadingTheDoneSet()
    {
        // Arrange: reading the done set would wait at a closed gate until the test's timeout
        var doneSet = new PortGate(nameof(IJobStore.GetDoneChunksAsync));
        doneSet.Close();
        var request = await AcceptAsync();

        // Act
        await Handler(Gated(doneSet)).HandleAsync(request, _ct).WaitAsync(s_wait, _ct);

        // Assert
        var document = (await _jobs.GetAsync(request.DocumentId, _ct))!;
        Assert.Equal(DocumentStatus.Embedding, document.Status);
        Assert.True(document.ChunksTotal > 1);
        Assert.Equal(Enumerable.Range(0, document.ChunksTotal!.Value), await PublishedOrdinalsAsync(document.ChunksTotal.Value));
    }

    [Fact]
    public async Task Handle_WhenRedeliveredAfterSomeChunksAreDone_PublishesOnlyTheRest()
    {
        // Arrange: a first split, then chunks 0 and 2 embedded before the request comes again
        var request = await AcceptAsync();
        await Handler(_jobs).HandleAsync(request, _ct);
        var total = (await _jobs.GetAsync(request.DocumentId, _ct))!.ChunksTotal!.Value;
        var first = await PublishedOrdinalsAsync(total);
        await _jobs.MarkChunksDoneAsync([new ChunkRef(request.DocumentId, 0), new ChunkRef(request.DocumentId, 2)], _ct);

        // Act
        await Handler(_jobs).HandleAsync(request with { Attempt = 2 }, _ct);

        // Assert
        Assert.Equal(total, first.Count);
        Assert.Equal(Enumerable.Range(0, total).Except([0, 2]), await PublishedOrdinalsAsync(total - 2));
    }

    [Fact]
    public async Task Handle_WhenTheDocumentIsDeletedWhileSplit_PublishesNoChunk()
    {
        // Arrange: the total is held back until the document is deleted
        var total = new PortGate(nameof(IJobStore.SetChunksTotalAsync));
        total.Close();
        var request = await AcceptAsync();
        var splitting = Handler(Gated(total)).HandleAsync(request, _ct);
        await WaitForStatusAsync(request.DocumentId, DocumentStatus.Splitting);

        // Act
        await _jobs.MarkDeletedAsync(request.DocumentId, _ct);
        total.Open();
        await splitting.WaitAsync(s_wait, _ct);

        // Assert
        Assert.Empty(await PublishedOrdinalsAsync(expected: 0));
        var document = (await _jobs.GetAsync(request.DocumentId, _ct))!;
        Assert.Equal(DocumentStatus.Deleted, document.Status);
        Assert.Null(document.ChunksTotal);
    }

    private SplitDocumentHandler Handler(IJobStore jobs) => new(
        jobs, _blobs, new TextExtractorSelector([new PlainTextExtractor()]),
        new TextChunker(_model.Tokenizer, Options.Create(new ChunkingOptions { MaxTokens = 32, OverlapTokens = 8 })),
        _bus, TimeProvider.System, NullLogger<SplitDocumentHandler>.Instance);

    private IJobStore Gated(PortGate gate)
    {
        var proxy = DispatchProxy.Create<IJobStore, GatedPort<IJobStore>>();
        ((GatedPort<IJobStore>)(object)proxy).Attach(_jobs, gate);
        return proxy;
    }

    private async Task<DocumentIngestRequested> AcceptAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        var text = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"Sentence {i} describes the tide at station {i}."));
        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var blob = await _blobs.PutAsync($"{Collection}/{id:N}", bytes, _ct);
        await TestDocuments.CreateAcceptedAsync(_jobs, id, now, "tides.txt", _ct, blob);
        return new DocumentIngestRequested(
            DocumentIngestRequested.CurrentSchemaVersion, Guid.CreateVersion7(now), now, id, Collection, "tides.txt", blob.Key, "text/plain",
            blob.Sha256, Attempt: 1);
    }

    // Reads what the splitter published since the last read: at least the expected count (one more would show within the
    // consumer's short batching wait); nothing, when nothing comes within a second.
    private async Task<List<int>> PublishedOrdinalsAsync(int expected)
    {
        var consumer = _bus.Subscribe(Topics.ChunkProcessing, "test");
        await using (consumer)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(_ct);
            quiet.CancelAfter(expected == 0 ? TimeSpan.FromSeconds(1) : s_wait);
            IReadOnlyList<ConsumedMessage> messages;
            try
            {
                messages = await consumer.ConsumeAsync(expected + 10, TimeSpan.FromMilliseconds(300), quiet.Token);
            }
            catch (OperationCanceledException) when (!_ct.IsCancellationRequested)
            {
                return [];
            }

            await consumer.CommitAsync(messages, _ct);
            return [.. messages.Select(m => MessageEnvelope.Read<ChunkEmbedRequested>(m).Ordinal).Order()];
        }
    }

    private async Task WaitForStatusAsync(Guid documentId, DocumentStatus status)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        timeout.CancelAfter(s_wait);
        while ((await _jobs.GetAsync(documentId, timeout.Token))!.Status != status)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

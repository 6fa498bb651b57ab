using System.Diagnostics.Metrics;
using System.Text;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

/// <summary>The DLQ consumer on the embedded bus and stores, with the failed-documents counter read as an exporter would.</summary>
public sealed class DeadLetterConsumerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EmbeddedDatabase _database;
    private readonly SqliteMessageBus _bus;
    private readonly SqliteDeadLetterStore _letters;
    private readonly SqliteJobStore _jobs;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // The counter is process-wide and other tests fail documents in parallel: an error type of this test's own tells ours apart.
    private readonly string _errorType = $"TestFailure{Guid.NewGuid():N}";

    public DeadLetterConsumerTests()
    {
        _database = new EmbeddedDatabase(_dir.File(EmbeddedDatabase.FileName));
        _bus = TestSqliteBus.Create(_database, _metrics.GetRequiredService<IMeterFactory>());
        _letters = new SqliteDeadLetterStore(_database);
        _jobs = new SqliteJobStore(_database, TimeProvider.System);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Consume_WhenSeveralChunksOfADocumentAreDeadLetteredAndOneIsRedelivered_CountsTheDocumentFailedOnce()
    {
        // Arrange: two chunks of one document dead-lettered, the first letter delivered twice (at-least-once)
        var failed = new List<long>();
        using var listener = ListenToFailedDocuments(failed);
        var document = await CreateDocumentAsync();
        var sentinel = await CreateDocumentAsync();
        var chunk0 = Letter(document, _errorType);
        var letters = new[] { chunk0, Letter(document, _errorType), chunk0, Letter(sentinel, "Sentinel") };
        var consumer = new DeadLetterConsumer(
            _bus, _letters, _jobs, Options.Create(new IngestionOptions()), TimeProvider.System, NullLogger<DeadLetterConsumer>.Instance);

        // Act: one key keeps every letter on one partition, so the sentinel's document fails after the others are recorded
        await _bus.PublishAsync(
            Topics.DeadLetterOf(Topics.ChunkProcessing), [.. letters.Select(l => MessageEnvelope.Create(document.ToString(), l))], _ct);
        await consumer.StartAsync(_ct);
        await Eventually.ReturnsAsync(
            () => _jobs.GetAsync(sentinel, _ct), d => d?.Status == DocumentStatus.Failed, TimeSpan.FromSeconds(30), "the sentinel to fail");
        await consumer.StopAsync(_ct);

        // Assert
        Assert.Equal(DocumentStatus.Failed, (await _jobs.GetAsync(document, _ct))!.Status);
        Assert.Equal(2, (await _letters.ListAsync(new DeadLetterQuery(null, document, 1, 10), _ct)).Total);
        lock (failed)
        {
            Assert.Equal(1, failed.Sum());
        }
    }

    [Fact]
    public async Task Consume_WhileTheDocumentIsBeingFailed_HasTheLetterStoredSoTheRetryFindsIt()
    {
        // Arrange: failing the document is held at a gate, as if slow
        var gate = new PortGate(nameof(IJobStore.MarkFailedAsync));
        gate.Close();
        var jobs = System.Reflection.DispatchProxy.Create<IJobStore, GatedPort<IJobStore>>();
        ((GatedPort<IJobStore>)(object)jobs).Attach(_jobs, gate);
        var document = await CreateDocumentAsync();
        var consumer = new DeadLetterConsumer(
            _bus, _letters, jobs, Options.Create(new IngestionOptions()), TimeProvider.System, NullLogger<DeadLetterConsumer>.Instance);
        await _bus.PublishAsync(
            Topics.DeadLetterOf(Topics.ChunkProcessing), [MessageEnvelope.Create(document.ToString(), Letter(document, _errorType))], _ct);

        // Act
        await consumer.StartAsync(_ct);
        var stored = await Eventually.ReturnsAsync(
            () => _letters.ListAsync(new DeadLetterQuery(null, document, 1, 10), _ct), p => p.Total == 1, TimeSpan.FromSeconds(10),
            "the letter stored while the document is not failed yet");
        var statusMeanwhile = (await _jobs.GetAsync(document, _ct))!.Status;
        gate.Open();
        await Eventually.ReturnsAsync(
            () => _jobs.GetAsync(document, _ct), d => d?.Status == DocumentStatus.Failed, TimeSpan.FromSeconds(30), "the document to fail");
        await consumer.StopAsync(_ct);
        var replayed = await new DeadLetterReplayer(_letters, _jobs, new RecordingMessageBus(), TimeProvider.System)
            .ReplayAllAsync(topic: null, document, _ct);

        // Assert
        Assert.Equal(1, stored.Total);
        Assert.Equal(DocumentStatus.Embedding, statusMeanwhile);
        Assert.Equal(1, replayed);
    }

    [Fact]
    public async Task Consume_WhenRedeliveredAfterACrashBetweenStoringAndFailing_FailsTheDocumentAndKeepsOneLetter()
    {
        // Arrange: the letter was stored, then the process died before the document was failed and the offset committed
        var document = await CreateDocumentAsync();
        var letter = Letter(document, _errorType);
        await _letters.AddAsync(letter, _ct);
        var consumer = new DeadLetterConsumer(
            _bus, _letters, _jobs, Options.Create(new IngestionOptions()), TimeProvider.System, NullLogger<DeadLetterConsumer>.Instance);

        // Act: the redelivery
        await _bus.PublishAsync(Topics.DeadLetterOf(Topics.ChunkProcessing), [MessageEnvelope.Create(document.ToString(), letter)], _ct);
        await consumer.StartAsync(_ct);
        await Eventually.ReturnsAsync(
            () => _jobs.GetAsync(document, _ct), d => d?.Status == DocumentStatus.Failed, TimeSpan.FromSeconds(30), "the document to fail");
        await consumer.StopAsync(_ct);

        // Assert
        Assert.Equal(1, (await _letters.ListAsync(new DeadLetterQuery(null, document, 1, 10), _ct)).Total);
    }

    private MeterListener ListenToFailedDocuments(List<long> failed)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IngestionTelemetry.SourceName && instrument.Name == "datadistiller.documents.failed")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == IngestionTelemetry.ErrorTypeTag && Equals(tag.Value, _errorType))
                {
                    lock (failed)
                    {
                        failed.Add(value);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }

    private async Task<Guid> CreateDocumentAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var id = await TestDocuments.CreateAcceptedAsync(_jobs, Guid.CreateVersion7(now), now, "a.txt", _ct);
        await _jobs.TryStartSplittingAsync(id, _ct);
        await _jobs.SetChunksTotalAsync(id, 2, _ct);
        return id;
    }

    private static DeadLetter Letter(Guid documentId, string errorType) => new(
        DeadLetter.CurrentSchemaVersion, Guid.CreateVersion7(), Topics.ChunkProcessing, documentId.ToString(), documentId, errorType,
        "The embedder refused the chunk", 3, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{}"),
        new Dictionary<string, string>(StringComparer.Ordinal));
}

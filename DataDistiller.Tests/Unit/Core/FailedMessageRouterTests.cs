using System.Text;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class FailedMessageRouterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingMessageBus _bus = new();
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedDatabase _database;
    private readonly FailedMessageRouter _router;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public FailedMessageRouterTests()
    {
        _database = new EmbeddedDatabase(_dir.File("jobs.db"));
        _router = new FailedMessageRouter(_bus, new SqliteJobStore(_database, _time), _time);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Redeliver_PublishesTheSameBytesToTheSameTopicWithTheNextAttemptAndNotBefore()
    {
        // Arrange: a message on its second redelivery
        var firstFailure = _time.GetUtcNow();
        var message = Message(new Dictionary<string, string> { ["traceparent"] = "tp", [DeliveryHeaders.Attempt] = "2" });
        _time.Advance(TimeSpan.FromSeconds(3));

        // Act
        await _router.RedeliverAsync(message, 3, firstFailure, _time.GetUtcNow() + TimeSpan.FromMilliseconds(400), _ct);

        // Assert
        var (topic, sent) = Assert.Single(_bus.Published);
        var redelivered = new ConsumedMessage(topic, 0, 0, sent.Key, sent.Value, sent.Headers);
        Assert.Equal(Topics.ChunkProcessing, topic);
        Assert.Equal(message.Value.ToArray(), sent.Value.ToArray());
        Assert.Equal("tp", sent.Headers["traceparent"]);
        Assert.Equal(3, DeliveryHeaders.AttemptOf(redelivered));
        Assert.Equal(firstFailure, DeliveryHeaders.FirstFailedAtOf(redelivered));
        Assert.Equal(_time.GetUtcNow().AddMilliseconds(400), DeliveryHeaders.NotBeforeOf(redelivered));
    }

    [Fact]
    public async Task DeadLetter_PublishesToTheDlqTopicWithReasonAttemptsAndBothTimestamps()
    {
        // Arrange
        var documentId = Guid.CreateVersion7();
        var firstFailure = _time.GetUtcNow();
        var message = Message(new Dictionary<string, string> { [DeliveryHeaders.Attempt] = "3", [DeliveryHeaders.NotBefore] = "1" });
        _time.Advance(TimeSpan.FromMinutes(2));
        var failure = MessageFailure.Classify(new TimeoutException("connection to 10.0.0.7 refused"), "Embedding", 3);

        // Act
        await _router.DeadLetterAsync(message, documentId, failure, 3, firstFailure, _ct);

        // Assert
        var (topic, sent) = Assert.Single(_bus.Published);
        var letter = MessageEnvelope.Read<DeadLetter>(new ConsumedMessage(topic, 0, 0, sent.Key, sent.Value, sent.Headers));
        Assert.Equal(Topics.ChunkProcessingDeadLetters, topic);
        Assert.Equal(documentId.ToString(), sent.Key);
        Assert.Equal((Topics.ChunkProcessing, documentId, nameof(TimeoutException), 3), (letter.Topic, letter.DocumentId, letter.ErrorType, letter.Attempts));
        Assert.Equal((firstFailure, _time.GetUtcNow()), (letter.FirstFailedAt, letter.LastFailedAt));
        Assert.DoesNotContain("10.0.0.7", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(message.Value.ToArray(), letter.Payload.ToArray());
        Assert.Empty(letter.Headers);
    }

    [Fact]
    public void Classify_OurPermanentErrors_KeepTheirReasonAndAreNotRetried()
    {
        // Act
        var extraction = MessageFailure.Classify(new ExtractionException(ExtractionReasons.PdfEncrypted), "Splitting", 1);
        var poison = MessageFailure.Classify(new PoisonMessageException("bad"), "Embedding", 1);
        var transient = MessageFailure.Classify(new HttpRequestException("secret host"), "Embedding", 2);

        // Assert
        Assert.Equal((true, ExtractionReasons.PdfEncrypted), (extraction.IsPermanent, extraction.Reason));
        Assert.Equal((true, MessageFailure.PoisonReason), (poison.IsPermanent, poison.Reason));
        Assert.False(transient.IsPermanent);
        Assert.StartsWith("Embedding failed after 2 attempts (HttpRequestException)", transient.Reason, StringComparison.Ordinal);
    }

    private static ConsumedMessage Message(Dictionary<string, string> headers) =>
        new(Topics.ChunkProcessing, 3, 42, "chunk-key", Encoding.UTF8.GetBytes("{\"documentId\":1}"), headers);
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Retries, dead letters and replay through HTTP on the embedded host, with faults injected into the embedder.</summary>
public sealed class DeadLetterEndToEndTests : IAsyncDisposable
{
    private const int MaxAttempts = 3;

    /// <summary>Fast backoff so a message runs out of attempts in well under a second (also used by other end-to-end tests).</summary>
    internal static readonly Dictionary<string, string?> FastRetrySettings = new()
    {
        ["DataDistiller:Ingestion:MaxAttempts"] = $"{MaxAttempts}",
        ["DataDistiller:Ingestion:InPlaceAttempts"] = "2",
        ["DataDistiller:Ingestion:RetryBaseDelay"] = "00:00:00.010",
        ["DataDistiller:Ingestion:RetryMaxDelay"] = "00:00:00.050",
    };

    private readonly TempDirectory _dir = new();
    private readonly PoisonableEmbeddingGenerator _embedder = new();
    private readonly EmbeddedApiFactory _factory;
    private readonly WebApplicationFactory<Program> _api;
    private readonly DocumentsClient _client;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public DeadLetterEndToEndTests()
    {
        _factory = new EmbeddedApiFactory(_dir.Path, FastRetrySettings);
        _api = _factory.WithEmbedder(_embedder);
        _client = new DocumentsClient(_api.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _embedder.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Pipeline_WhenEmbedderFailsKTimesThenRecovers_IndexesTheDocumentWithKRetriesRecorded()
    {
        // Arrange: K = MaxAttempts - 1 failures, so the last allowed attempt succeeds (two in place, one redelivered)
        const int K = MaxAttempts - 1;
        _embedder.FailuresLeft = K;

        // Act
        var id = await _client.UploadAsync("herons.txt", Encoding.UTF8.GetBytes("Grey herons stand still in shallow water to fish."));
        var status = await _client.WaitUntilIndexedAsync(id);

        // Assert
        Assert.Equal(K, status["retries"]!.GetValue<int>());
        Assert.Equal(0, (await DeadLettersAsync($"documentId={id}"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pipeline_WhenAChunkIsPoison_DeadLettersItAloneAndReplayAfterTheFixIndexesIt()
    {
        // Arrange: both documents in one upload, so their chunks share embedder batches
        _embedder.Poisoned = true;
        using var form = DocumentsClient.Form(
            null,
            ("healthy.txt", Encoding.UTF8.GetBytes("Otters hold hands while they sleep so they do not drift apart.")),
            ("poison.txt", Encoding.UTF8.GetBytes($"Old pigments such as Paris green contained {PoisonableEmbeddingGenerator.PoisonWord}.")));
        using var upload = await _client.PostAsync(form);
        var documents = (await DocumentsClient.ReadJsonAsync(upload))["documents"]!.AsArray();
        var healthy = documents[0]!["documentId"]!.GetValue<Guid>();
        var poison = documents[1]!["documentId"]!.GetValue<Guid>();

        // Act
        var healthyStatus = await _client.WaitUntilIndexedAsync(healthy);
        var poisonStatus = await _client.WaitUntilEndedAsync(poison);
        var letters = await Eventually.ReturnsAsync(
            () => DeadLettersAsync($"documentId={poison}"), l => l["total"]!.GetValue<int>() == 1, DocumentsClient.IngestTimeout, "the dead letter");
        var letter = letters["items"]![0]!.AsObject();
        var inspected = await GetJsonAsync($"/api/v2/admin/dlq/{letter["id"]}");

        // Assert: the poison failed alone, with a reason, after every attempt
        Assert.Equal(0, healthyStatus["retries"]!.GetValue<int>());
        Assert.Equal("failed", poisonStatus["status"]!.GetValue<string>());
        Assert.Equal(Topics.ChunkProcessing, letter["topic"]!.GetValue<string>());
        Assert.Equal(MaxAttempts, letter["attempts"]!.GetValue<int>());
        Assert.Equal(nameof(InvalidOperationException), letter["errorType"]!.GetValue<string>());
        Assert.StartsWith($"Embedding failed after {MaxAttempts} attempts", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(letter["reason"]!.GetValue<string>(), poisonStatus["error"]!.GetValue<string>());
        Assert.True(inspected["lastFailedAt"]!.GetValue<DateTimeOffset>() >= inspected["firstFailedAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(PoisonableEmbeddingGenerator.PoisonWord, inspected["payload"]!.GetValue<string>(), StringComparison.Ordinal);

        // Act: fix the cause, then replay
        _embedder.Poisoned = false;
        using var replay = await _client.Http.PostAsync($"/api/v2/admin/dlq/{letter["id"]}/replay", null, _ct);
        var replayed = await _client.WaitUntilIndexedAsync(poison);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Null(replayed["error"]);
        Assert.Equal(0, (await DeadLettersAsync($"documentId={poison}"))["total"]!.GetValue<int>());
        var hits = await _client.SearchAsync("Paris green pigments");
        Assert.Contains(hits, h => h!["documentId"]!.GetValue<Guid>() == poison);
    }

    [Fact]
    public async Task Pipeline_WhenDocumentHasNoText_DeadLettersItAtOnceWithTheExtractionReason()
    {
        // Act
        var id = await _client.UploadAsync("blank.pdf", TestPdf.Build());
        var status = await _client.WaitUntilEndedAsync(id);
        var letters = await Eventually.ReturnsAsync(
            () => DeadLettersAsync($"topic={Topics.DocRequests}&documentId={id}"), l => l["total"]!.GetValue<int>() == 1, DocumentsClient.IngestTimeout, "the dead letter");
        var letter = letters["items"]![0]!.AsObject();

        // Assert: permanent, so one attempt and no retries
        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Equal(0, status["retries"]!.GetValue<int>());
        Assert.Equal(1, letter["attempts"]!.GetValue<int>());
        Assert.Equal("ExtractionException", letter["errorType"]!.GetValue<string>());
        Assert.Contains("No extractable text", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(letter["reason"]!.GetValue<string>(), status["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplayDeadLetters_ForADocumentThatStillCannotBeRead_ReopensItAndItFailsBackIntoTheDlq()
    {
        // Arrange
        var id = await _client.UploadAsync("blank.pdf", TestPdf.Build());
        var first = await Eventually.ReturnsAsync(
            () => DeadLettersAsync($"documentId={id}"), l => l["total"]!.GetValue<int>() == 1, DocumentsClient.IngestTimeout, "the dead letter");

        // Act
        using var replay = await _client.Http.PostAsync($"/api/v2/admin/dlq/replay?documentId={id}", null, _ct);
        var body = await DocumentsClient.ReadJsonAsync(replay);
        var second = await Eventually.ReturnsAsync(
            () => DeadLettersAsync($"documentId={id}"),
            l => l["total"]!.GetValue<int>() == 1 && l["items"]![0]!["id"]!.GetValue<Guid>() != first["items"]![0]!["id"]!.GetValue<Guid>(),
            DocumentsClient.IngestTimeout,
            "the replayed document to be dead-lettered again");
        var status = await _client.WaitUntilEndedAsync(id);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, body["replayed"]!.GetValue<int>());
        Assert.Equal(Topics.DocRequests, second["items"]![0]!["topic"]!.GetValue<string>());
        Assert.Equal("failed", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pipeline_WhenMessageIsNotJson_DeadLettersItAndDiscardRemovesIt()
    {
        // Arrange
        var bus = _api.Services.GetRequiredService<IMessageBus>();

        // Act
        await bus.PublishAsync(
            Topics.ChunkProcessing, [new OutgoingMessage("junk", Encoding.UTF8.GetBytes("{not json"), new Dictionary<string, string>())], _ct);
        var letters = await Eventually.ReturnsAsync(
            () => DeadLettersAsync($"topic={Topics.ChunkProcessing}"), l => l["total"]!.GetValue<int>() == 1, DocumentsClient.IngestTimeout, "the dead letter");
        var letter = letters["items"]![0]!.AsObject();
        using var discard = await _client.Http.DeleteAsync($"/api/v2/admin/dlq/{letter["id"]}", _ct);
        using var gone = await _client.Http.GetAsync($"/api/v2/admin/dlq/{letter["id"]}", _ct);

        // Assert
        Assert.Equal("PoisonMessageException", letter["errorType"]!.GetValue<string>());
        Assert.Null(letter["documentId"]);
        Assert.Equal(1, letter["attempts"]!.GetValue<int>());
        Assert.Equal("{not json", letter["payload"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ListDeadLetters_WithAnUnknownTopic_ReturnsProblem400()
    {
        using var response = await _client.Http.GetAsync("/api/v2/admin/dlq?topic=nope", _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<JsonObject> DeadLettersAsync(string query) => GetJsonAsync($"/api/v2/admin/dlq?{query}");

    private async Task<JsonObject> GetJsonAsync(string route)
    {
        using var response = await _client.Http.GetAsync(route, _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DocumentsClient.ReadJsonAsync(response);
    }
}

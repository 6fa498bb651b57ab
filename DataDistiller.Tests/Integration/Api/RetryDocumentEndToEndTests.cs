using System.Net;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>POST /api/v2/documents/{id}/retry and GET /api/v2/collections through HTTP on the embedded host, with a poisonable embedder.</summary>
public sealed class RetryDocumentEndToEndTests : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PoisonableEmbeddingGenerator _embedder = new();
    private readonly EmbeddedApiFactory _factory;
    private readonly DocumentsClient _client;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public RetryDocumentEndToEndTests()
    {
        _factory = new EmbeddedApiFactory(_dir.Path, DeadLetterEndToEndTests.FastRetrySettings);
        _client = new DocumentsClient(_factory.WithEmbedder(_embedder).CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _embedder.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task RetryDocument_WhenFailedOnAPoisonChunkAndTheCauseIsFixed_ReturnsAcceptedAndTheDocumentEndsIndexed()
    {
        // Arrange: a chunk that breaks the embedder every time fails the document into the DLQ
        _embedder.Poisoned = true;
        var id = await _client.UploadAsync("poison.txt", Encoding.UTF8.GetBytes($"Paris green paint contained {PoisonableEmbeddingGenerator.PoisonWord}."));
        var failed = await _client.WaitUntilEndedAsync(id);
        await WaitForDeadLetterAsync(id);
        _embedder.Poisoned = false;

        // Act
        using var retry = await _client.Http.PostAsync($"/api/v2/documents/{id}/retry", null, _ct);
        var body = await DocumentsClient.ReadJsonAsync(retry);
        var indexed = await _client.WaitUntilIndexedAsync(id);

        // Assert
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal($"/api/v2/documents/{id}", retry.Headers.Location?.OriginalString);
        Assert.Equal($"/api/v2/documents/{id}", body["statusUrl"]!.GetValue<string>());
        Assert.Equal(1, body["replayed"]!.GetValue<int>());
        Assert.Null(indexed["error"]);
        Assert.Equal(100, indexed["progress"]!.GetValue<int>());
    }

    [Fact]
    public async Task RetryDocument_WhenTheDocumentIsIndexed_ReturnsProblem409()
    {
        // Arrange
        var id = await _client.UploadAsync("fine.txt", Encoding.UTF8.GetBytes("Herons fish in shallow water."));
        await _client.WaitUntilIndexedAsync(id);

        // Act
        using var retry = await _client.Http.PostAsync($"/api/v2/documents/{id}/retry", null, _ct);
        var problem = await DocumentsClient.ReadJsonAsync(retry);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is indexed; only a failed document can be retried", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryDocument_WhenItsDeadLetterWasDiscarded_ReturnsProblem409SayingToUploadAgain()
    {
        // Arrange
        _embedder.Poisoned = true;
        var id = await _client.UploadAsync("poison.txt", Encoding.UTF8.GetBytes($"Scheele's green held {PoisonableEmbeddingGenerator.PoisonWord} too."));
        var letter = await WaitForDeadLetterAsync(id);
        using var discard = await _client.Http.DeleteAsync($"/api/v2/admin/dlq/{letter}", _ct);

        // Act
        using var retry = await _client.Http.PostAsync($"/api/v2/documents/{id}/retry", null, _ct);
        var problem = await DocumentsClient.ReadJsonAsync(retry);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("upload the file again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryDocument_WhenUnknown_ReturnsProblem404()
    {
        using var retry = await _client.Http.PostAsync($"/api/v2/documents/{Guid.CreateVersion7()}/retry", null, _ct);

        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListCollections_AfterUploadsAndADeletedCollection_ListsLiveCollectionsWithCountsPerStatus()
    {
        // Arrange
        _embedder.Poisoned = true;
        var fine = await _client.UploadAsync("fine.txt", Encoding.UTF8.GetBytes("Otters sleep holding hands."), "zoo");
        var poison = await _client.UploadAsync("bad.txt", Encoding.UTF8.GetBytes($"Rat poison held {PoisonableEmbeddingGenerator.PoisonWord}."), "zoo");
        var gone = await _client.UploadAsync("gone.txt", Encoding.UTF8.GetBytes("Nothing stays here."), "scratch");
        await _client.WaitUntilIndexedAsync(fine);
        await _client.WaitUntilEndedAsync(poison);
        await _client.WaitUntilIndexedAsync(gone);
        using var delete = await _client.Http.DeleteAsync("/api/v2/collections/scratch", _ct);

        // Act
        using var response = await _client.Http.GetAsync("/api/v2/collections", _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);

        // Assert: "scratch" has no live document left, so it is not listed
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """[{"name":"zoo","documents":2,"accepted":0,"splitting":0,"embedding":0,"indexed":1,"failed":1}]""", text);
    }

    private async Task<Guid> WaitForDeadLetterAsync(Guid documentId)
    {
        var letters = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await _client.Http.GetAsync($"/api/v2/admin/dlq?documentId={documentId}", _ct);
                return await DocumentsClient.ReadJsonAsync(response);
            },
            l => l["total"]!.GetValue<int>() == 1,
            DocumentsClient.IngestTimeout,
            "the dead letter");
        return letters["items"]![0]!["id"]!.GetValue<Guid>();
    }
}

using System.Net;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Idempotency-Key replays and conflicts, and content dedupe by SHA-256, through HTTP on the embedded host.</summary>
public sealed class IdempotencyEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_WithTheSameKeyAndBody_ReplaysTheResponseAndStoresNothingNew()
    {
        // Arrange
        (string, byte[])[] files = [("a.txt", Text("Replayed uploads keep their ids.")), ("b.txt", Text("A second file in the same request."))];
        var blobsBefore = StoredBlobs.Count(api.Factory.DataDirectory);
        using var first = await PostAsync("replay-1", "idem-replay", files);
        var firstBody = await first.Content.ReadAsStringAsync(_ct);

        // Act: the retry goes through the seed's alias route, which shares the key space
        using var again = await PostAsync("replay-1", "idem-replay", files, "/api/v2/documents/upload");
        var againBody = await again.Content.ReadAsStringAsync(_ct);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(firstBody, againBody);
        Assert.Equal(2, await CountDocumentsAsync("idem-replay"));
        Assert.Equal(blobsBefore + 2, StoredBlobs.Count(api.Factory.DataDirectory));
    }

    [Fact]
    public async Task Upload_WithTheSameKeyAndAnotherBody_Returns409ProblemAndKeysAreScopedPerCollection()
    {
        // Arrange
        using var first = await PostAsync("reused", "idem-conflict", ("a.txt", Text("The first body under this key.")));

        // Act
        using var other = await PostAsync("reused", "idem-conflict", ("a.txt", Text("Another body under the same key.")));
        using var otherCollection = await PostAsync("reused", "idem-conflict-2", ("a.txt", Text("The first body under this key.")));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
        Assert.Contains("another request", (await DocumentsClient.ReadJsonAsync(other))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherCollection.StatusCode);
        Assert.Equal(1, await CountDocumentsAsync("idem-conflict"));
    }

    [Fact]
    public async Task Upload_WithConcurrentRequestsUnderOneKey_CreatesOneDocument()
    {
        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => PostAsync("race", "idem-race", ("race.txt", Text("Six clients retry at once."))), _ct)));

        // Assert: the winner's 202, replays of it, or 409 while the winner is still running; never a second document
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, response.StatusCode.ToString());
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                ids.Add((await DocumentsClient.ReadJsonAsync(response))["documents"]![0]!["documentId"]!.GetValue<Guid>());
            }

            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(1, await CountDocumentsAsync("idem-race"));
    }

    [Fact]
    public async Task Upload_WithAKeyLongerThan255Characters_Returns400()
    {
        // Act
        using var response = await PostAsync(new string('k', 256), "idem-bad", ("a.txt", Text("Never stored.")));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountDocumentsAsync("idem-bad"));
    }

    [Fact]
    public async Task Upload_TheSameBytesAgain_ReturnsTheExistingDocumentMarkedDuplicate()
    {
        // Arrange
        var bytes = Text("Identical bytes are stored once per collection.");
        var id = await api.Client.UploadAsync("original.txt", bytes, "idem-dedupe");
        await api.Client.WaitUntilIndexedAsync(id);
        var blobsBefore = StoredBlobs.Count(api.Factory.DataDirectory);

        // Act
        using var again = await PostAsync(null, "idem-dedupe", ("renamed.txt", bytes));
        using var elsewhere = await PostAsync(null, "idem-dedupe-2", ("original.txt", bytes));

        // Assert
        var duplicate = (await DocumentsClient.ReadJsonAsync(again))["documents"]![0]!.AsObject();
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(id, duplicate["documentId"]!.GetValue<Guid>());
        Assert.True(duplicate["duplicate"]!.GetValue<bool>());
        Assert.Equal("indexed", duplicate["status"]!.GetValue<string>());
        Assert.Equal("original.txt", duplicate["fileName"]!.GetValue<string>());
        Assert.Equal(1, await CountDocumentsAsync("idem-dedupe"));
        Assert.Equal(blobsBefore + 1, StoredBlobs.Count(api.Factory.DataDirectory)); // the copy in the other collection only
        var copy = (await DocumentsClient.ReadJsonAsync(elsewhere))["documents"]![0]!.AsObject();
        Assert.NotEqual(id, copy["documentId"]!.GetValue<Guid>());
        Assert.False(copy.ContainsKey("duplicate"));
    }

    [Fact]
    public async Task Upload_TheSameBytesAfterTheDocumentFailed_CreatesANewDocument()
    {
        // Arrange: only whitespace, so the splitter fails it
        var bytes = Text("   \n\n   \t  ");
        var failed = await api.Client.UploadAsync("blank.txt", bytes, "idem-failed");
        Assert.Equal("failed", (await api.Client.WaitUntilEndedAsync(failed))["status"]!.GetValue<string>());

        // Act
        var reopened = await api.Client.UploadAsync("blank.txt", bytes, "idem-failed");

        // Assert
        Assert.NotEqual(failed, reopened);
        Assert.Equal(2, await CountDocumentsAsync("idem-failed"));
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<HttpResponseMessage> PostAsync(string? key, string collection, params (string Name, byte[] Bytes)[] files) =>
        await PostAsync(key, collection, files, "/api/v2/documents");

    private async Task<HttpResponseMessage> PostAsync(string? key, string collection, (string Name, byte[] Bytes)[] files, string route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = DocumentsClient.Form(collection, files) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await api.Client.Http.SendAsync(request, _ct);
    }

    private async Task<int> CountDocumentsAsync(string collection)
    {
        using var response = await api.Client.Http.GetAsync($"/api/v2/documents?collection={collection}", _ct);
        return (await DocumentsClient.ReadJsonAsync(response))["total"]!.GetValue<int>();
    }
}

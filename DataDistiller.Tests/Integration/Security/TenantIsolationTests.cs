using System.Net;
using System.Net.Http.Json;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>
/// Two tenants using the same collection name: each route, read, write, search, answer and delete, acts on the
/// caller's own documents only, and another tenant's document is "not found", never "forbidden".
/// </summary>
public sealed class TenantIsolationTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string Shared = "shared";
    private const string AlphaText = "The zeppelin hangar keeps the aurora blueprints behind a copper door.";
    private const string BetaText = "The quokka sanctuary protects marsupial colonies on the island.";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v2/documents/{0}")]
    [InlineData("/api/v2/documents/status/{0}")]
    public async Task GetStatus_OfAnotherTenantsDocument_Returns404(string route)
    {
        // Arrange
        var (alpha, beta) = (Client("alpha"), Client("beta"));
        var id = await alpha.UploadAsync("alpha.txt", Bytes(AlphaText, route), Shared);

        // Act
        using var own = await alpha.Http.GetAsync(Path(route, id), _ct);
        using var foreign = await beta.Http.GetAsync(Path(route, id), _ct);

        // Assert: the owner sees the name it used, not the stored tenant key.
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(Shared, (await DocumentsClient.ReadJsonAsync(own))["collection"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Shared)]
    public async Task List_WithOrWithoutACollection_ListsOnlyTheTenantsDocuments(string? collection)
    {
        // Arrange
        var run = collection ?? "all";
        var (alpha, beta) = (Client($"list-a-{run}"), Client($"list-b-{run}"));
        var mine = await alpha.UploadAsync("a.txt", Bytes(AlphaText, "list"), Shared);
        var theirs = await beta.UploadAsync("b.txt", Bytes(BetaText, "list"), Shared);
        var query = collection is null ? string.Empty : $"?collection={collection}";

        // Act
        using var response = await alpha.Http.GetAsync($"/api/v2/documents{query}", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DocumentsClient.ReadJsonAsync(response);
        var items = body["items"]!.AsArray();
        Assert.Equal([mine], items.Select(i => i!["documentId"]!.GetValue<Guid>()));
        Assert.Equal(1, body["total"]!.GetValue<int>());
        Assert.DoesNotContain(theirs, items.Select(i => i!["documentId"]!.GetValue<Guid>()));
        Assert.All(items, i => Assert.Equal(Shared, i!["collection"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteDocument_OfAnotherTenant_Returns404AndTheDocumentSurvives()
    {
        // Arrange
        var (alpha, beta) = (Client("alpha"), Client("beta"));
        var id = await alpha.UploadAsync("keep.txt", Bytes(AlphaText, "delete"), Shared);

        // Act
        using var response = await beta.Http.DeleteAsync($"/api/v2/documents/{id}", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await alpha.StatusAsync(id);
    }

    [Fact]
    public async Task Retry_OfAnotherTenantsDocument_Returns404()
    {
        // Arrange
        var (alpha, beta) = (Client("alpha"), Client("beta"));
        var id = await alpha.UploadAsync("retry.txt", Bytes(AlphaText, "retry"), Shared);

        // Act
        using var own = await alpha.Http.PostAsync($"/api/v2/documents/{id}/retry", content: null, _ct);
        using var foreign = await beta.Http.PostAsync($"/api/v2/documents/{id}/retry", content: null, _ct);

        // Assert: the owner is told why it cannot retry (not failed); the other tenant is told nothing exists
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task ListCollections_WithTheSameNameInTwoTenants_ListsOnlyTheCallersCounts()
    {
        // Arrange
        var (alpha, beta) = (Client("coll-a"), Client("coll-b"));
        await alpha.UploadAsync("a1.txt", Bytes(AlphaText, "coll1"), Shared);
        await alpha.UploadAsync("a2.txt", Bytes(AlphaText, "coll2"), Shared);
        await beta.UploadAsync("b.txt", Bytes(BetaText, "coll"), "beta-only");

        // Act
        using var response = await alpha.Http.GetAsync("/api/v2/collections", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var collections = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(_ct))!.AsArray();
        var only = Assert.Single(collections);
        Assert.Equal(Shared, only!["name"]!.GetValue<string>());
        Assert.Equal(2, only["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeleteCollection_OfTheSameNameInAnotherTenant_LeavesTheOwnersDocuments()
    {
        // Arrange
        var (alpha, beta) = (Client("alpha"), Client("beta"));
        var kept = await alpha.UploadAsync("kept.txt", Bytes(AlphaText, "collection"), "doomed");
        var gone = await beta.UploadAsync("gone.txt", Bytes(BetaText, "collection"), "doomed");

        // Act
        using var response = await beta.Http.DeleteAsync("/api/v2/collections/doomed", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("doomed", (await alpha.StatusAsync(kept))["collection"]!.GetValue<string>());
        using var deleted = await beta.Http.GetAsync($"/api/v2/documents/{gone}", _ct);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task SearchAndQuery_InAnotherTenantsCollectionName_NeverReturnTheOwnersText()
    {
        // Arrange: alpha's words asked by beta, in the collection name both use.
        var (alpha, beta) = (Client("search-a"), Client("search-b"));
        var id = await alpha.UploadAsync("zeppelin.txt", Bytes(AlphaText, "search"), Shared);
        await alpha.WaitUntilIndexedAsync(id);
        const string Question = "Where does the zeppelin hangar keep the aurora blueprints?";

        // Act
        var own = await alpha.SearchResponseAsync(Question, Shared, 5, null);
        var foreign = await beta.SearchResponseAsync(Question, Shared, 5, null);
        using var answer = await beta.Http.PostAsJsonAsync("/api/v2/query", new { question = Question, collection = Shared }, _ct);
        var answerText = await answer.Content.ReadAsStringAsync(_ct);

        // Assert: the owner finds it (so the check below can fail), the other tenant never does.
        Assert.Contains(own["hits"]!.AsArray(), h => h!["documentId"]!.GetValue<Guid>() == id);
        Assert.Equal(Shared, foreign["collection"]!.GetValue<string>());
        Assert.Empty(foreign["hits"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain("zeppelin", answerText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id.ToString(), answerText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Feedback_OnAnotherTenantsAnswer_Returns404()
    {
        // Arrange: an answer served to alpha.
        var (alpha, beta) = (Client("feedback-a"), Client("feedback-b"));
        var queryId = (await alpha.SearchResponseAsync("anything at all", Shared, 5, null))["queryId"]!.GetValue<Guid>();

        // Act
        using var foreign = await beta.Http.PostAsJsonAsync("/api/v2/feedback", new { answerId = queryId, rating = "down" }, _ct);
        using var own = await alpha.Http.PostAsJsonAsync("/api/v2/feedback", new { answerId = queryId, rating = "up" }, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }

    [Fact]
    public async Task Upload_OfTheSameBytesWithTheSameKeyInAnotherTenant_IsNeitherADuplicateNorAReplay()
    {
        // Arrange
        var (alpha, beta) = (Client("alpha"), Client("beta"));
        var bytes = Bytes(AlphaText, "dedupe");
        var key = Guid.NewGuid().ToString();

        // Act
        var first = await UploadWithKeyAsync(alpha, key, bytes);
        var second = await UploadWithKeyAsync(beta, key, bytes);

        // Assert
        Assert.NotEqual(first["documentId"]!.GetValue<Guid>(), second["documentId"]!.GetValue<Guid>());
        Assert.Null(second["duplicate"]);
    }

    private DocumentsClient Client(string tenant)
    {
        var http = api.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.For(api.Factory.DataDirectory, tenant));
        return new DocumentsClient(http);
    }

    // Unique bytes per test: identical bytes in one tenant's collection would be deduplicated across tests.
    private static byte[] Bytes(string text, string salt) => System.Text.Encoding.UTF8.GetBytes($"{text} ({salt} {Guid.NewGuid():N})");

    private static string Path(string route, Guid id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id);

    private async Task<System.Text.Json.Nodes.JsonObject> UploadWithKeyAsync(DocumentsClient client, string key, byte[] bytes)
    {
        using var form = DocumentsClient.Form(Shared, ("same.txt", bytes));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/documents") { Content = form };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.Http.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await DocumentsClient.ReadJsonAsync(response))["documents"]![0]!.AsObject();
    }
}

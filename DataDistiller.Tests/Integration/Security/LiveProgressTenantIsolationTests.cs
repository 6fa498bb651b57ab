using System.Net;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>
/// Live progress is tenant scoped like every other route: another tenant's document is unknown over the WebSocket and
/// the event stream, and a subscription to a collection name never carries the same-named collection of another tenant.
/// </summary>
public sealed class LiveProgressTenantIsolationTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string Shared = "shared";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebSocket_SubscribingToAnotherTenantsDocument_AnswersUnknownDocument()
    {
        // Arrange
        var alphaId = await Client("alpha").UploadAsync("alpha.txt", Bytes("alpha"), Shared);
        using var beta = await LiveProgressClient.ConnectAsync(api.Factory, Token("beta"));

        // Act
        await beta.SendAsync(new { type = "subscribe", documents = new[] { alphaId } });
        var answer = await beta.ReceiveAsync();

        // Assert: exactly what an id that does not exist gets
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Equal($"No document has the id {alphaId}.", answer["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WebSocket_SubscribedToACollectionName_NeverSeesTheSameNamedCollectionOfAnotherTenant()
    {
        // Arrange
        using var gamma = await LiveProgressClient.ConnectAsync(api.Factory, Token("gamma"));
        await gamma.SendAsync(new { type = "subscribe", collection = Shared });
        Assert.Equal("subscribed", (await gamma.ReceiveAsync())["type"]!.GetValue<string>());

        // Act: the other tenant's document goes first and ends before gamma's own one is even uploaded
        var delta = Client("delta");
        var deltaId = await delta.UploadAsync("delta.txt", Bytes("delta"), Shared);
        await delta.WaitUntilIndexedAsync(deltaId);
        var gammaId = await Client("gamma").UploadAsync("gamma.txt", Bytes("gamma"), Shared);
        var frames = await gamma.ReceiveUntilAsync(
            f => f["documentId"]?.GetValue<Guid>() == gammaId && f["status"]!.GetValue<string>() == "indexed",
            DocumentsClient.IngestTimeout);

        // Assert
        Assert.All(frames, f => Assert.Equal(gammaId, f["documentId"]!.GetValue<Guid>()));
        Assert.All(frames, f => Assert.Equal(Shared, f["collection"]!.GetValue<string>()));
        Assert.DoesNotContain(frames, f => f["documentId"]!.GetValue<Guid>() == deltaId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Events_OfAnotherTenantsDocument_Returns404(bool tokenInQueryString)
    {
        // Arrange
        var alphaId = await Client("alpha").UploadAsync("alpha.txt", Bytes("events"), Shared);
        var token = Token("beta");
        using var http = api.Factory.CreateClient();
        var path = $"/api/v2/documents/{alphaId}/events";
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenInQueryString ? $"{path}?access_token={token}" : path);
        request.Headers.Authorization = tokenInQueryString ? null : TestTokens.Bearer(token);

        // Act
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task WebSocket_WithoutAToken_IsRefusedWith401()
    {
        // Arrange
        var client = api.Factory.Server.CreateWebSocketClient();

        // Act
        var error = await Record.ExceptionAsync(() => client.ConnectAsync(new Uri(api.Factory.Server.BaseAddress, "api/v2/ws"), _ct));

        // Assert: the test host reports the refused handshake with its status code
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    private string Token(string tenant) => TestTokens.For(api.Factory.DataDirectory, tenant);

    private DocumentsClient Client(string tenant)
    {
        var http = api.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = TestTokens.Bearer(Token(tenant));
        return new DocumentsClient(http);
    }

    // Unique bytes per test: identical bytes in one tenant's collection would be deduplicated across tests.
    private static byte[] Bytes(string salt) =>
        System.Text.Encoding.UTF8.GetBytes($"The lighthouse keeper logs every passing ship at dawn ({salt} {Guid.NewGuid():N}).");
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataDistiller.Api.Features.Forwarding;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>The Api forwarding search and query to a Retrieval host: two in-process hosts, each on its own data directory.</summary>
public sealed class RetrievalForwardingTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _apiData = new();
    private readonly TempDirectory _retrievalData = new();
    private RetrievalFactory? _retrieval;
    private RecordingHandler? _recorder;
    private WebApplicationFactory<Program>? _api;
    private EmbeddedApiFactory? _embeddedApi;
    private HttpClient? _client;
    private const string SigningKey = "a-test-signing-key-of-more-than-32-characters";

    public ValueTask InitializeAsync()
    {
        // Two data directories, so the hosts share the embedded issuer's key by setting, as the AppHost makes them.
        var signingKey = new Dictionary<string, string?> { ["DataDistiller:Auth:SigningKey"] = SigningKey };
        _retrieval = new RetrievalFactory(_retrievalData.Path, signingKey);
        _recorder = new RecordingHandler(_retrieval.Server.CreateHandler());
        _embeddedApi = new EmbeddedApiFactory(
            _apiData.Path, new Dictionary<string, string?>(signingKey) { [RetrievalForwarding.ForwardSetting] = "true" });
        _api = _embeddedApi.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(RetrievalForwarding.ClientName).ConfigurePrimaryHttpMessageHandler(() => _recorder)));
        _client = _api.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await (_api?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_embeddedApi?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_retrieval?.DisposeAsync() ?? ValueTask.CompletedTask);
        _apiData.Dispose();
        _retrievalData.Dispose();
    }

    [Fact]
    public async Task Search_WhenForwarding_ReturnsRetrievalsResponseWithCallerHeaders()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/search")
        {
            Content = JsonContent.Create(new { question = "What is the dome painted?", collection = "nothing-here" }),
        };
        request.Headers.Add("X-User-Id", "user-7");

        // Act
        using var response = await _client!.SendAsync(request, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DocumentsClient.ReadJsonAsync(response);
        Assert.Empty(body["hits"]!.AsArray());
        var forwarded = Assert.Single(_recorder!.Requests);
        Assert.Equal("/api/v2/search", forwarded.RequestUri!.AbsolutePath);
        Assert.Equal("user-7", Assert.Single(forwarded.Headers.GetValues("X-User-Id")));
    }

    [Fact]
    public async Task Search_WhenForwardingInvalidFields_ReturnsRetrievalsProblem()
    {
        // Arrange
        using var content = new StringContent("{\"question\": \"\", \"k\": 0}", Encoding.UTF8, "application/json");

        // Act
        using var response = await _client!.PostAsync("/api/v2/search", content, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await DocumentsClient.ReadJsonAsync(response))["errors"]!.AsObject();
        Assert.Equal(["question", "k"], errors.Select(e => e.Key));
        Assert.Single(_recorder!.Requests);
    }

    [Fact]
    public async Task Query_WhenForwardingAStream_RelaysTheServerSentEvents()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/query")
        {
            Content = JsonContent.Create(new { question = "What colour is the dome?", collection = "nothing-here" }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");

        // Act
        using var response = await _client!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("event: answer", text, StringComparison.Ordinal);
        Assert.Equal("/api/v2/query", Assert.Single(_recorder!.Requests).RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Search_WhenForwarding_PassesTheCallersTokenOn()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/search")
        {
            Content = JsonContent.Create(new { question = "What is the dome painted?", collection = "nothing-here" }),
        };

        // Act
        using var response = await _client!.SendAsync(request, _ct);

        // Assert: Retrieval got (and accepted) the caller's own token, not a service identity.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_recorder!.Requests);
        Assert.Equal(_client.DefaultRequestHeaders.Authorization!.ToString(), Assert.Single(forwarded.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task Search_WhenForwardingWithoutAToken_IsRefusedBeforeReachingRetrieval()
    {
        // Arrange
        using var anonymous = _api!.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        // Act
        using var response = await anonymous.PostAsJsonAsync("/api/v2/search", new { question = "dome?" }, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_recorder!.Requests);
    }

    [Theory]
    [InlineData("/api/v2/search")]
    [InlineData("/api/v2/query")]
    public async Task Retrieval_WhenCalledWithoutAToken_Returns401(string path)
    {
        // Arrange: straight at the Retrieval host, as anything inside the network could.
        using var anonymous = _retrieval!.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        // Act
        using var response = await anonymous.PostAsJsonAsync(path, new { question = "dome?" }, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

using System.Net;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Limits only a real server enforces (the in-memory test server has no request-size or header limits).</summary>
public sealed class KestrelLimitsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedApiFactory _factory;
    private readonly HttpClient _client;

    public KestrelLimitsTests()
    {
        _factory = new EmbeddedApiFactory(_dir.Path);
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Search_WhenTheJsonBodyIsOverTheLimit_ReturnsProblem413()
    {
        // Arrange: a syntactically fine body of 2 MiB.
        var body = "{\"question\": \"" + new string('a', 2 * 1024 * 1024) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        // Act
        using var response = await _client.PostAsync(new Uri("/api/v2/search", UriKind.Relative), content, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(text.Contains("size limit", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task AnyRoute_WhenHeadersAreHuge_IsRefusedWith431NotA500()
    {
        // Arrange: 64 KiB of headers, twice Kestrel's default total.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v2/documents", UriKind.Relative));
        request.Headers.Add("X-Filler", new string('x', 64 * 1024));

        // Act
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert: Kestrel refuses before any middleware runs, so there is no ProblemDetails body, but never a 500.
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _dir.Dispose();
    }
}

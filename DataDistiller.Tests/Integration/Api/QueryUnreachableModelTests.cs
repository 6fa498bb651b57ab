using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>The embedded host configured with an Ollama that is not there: answers fail as 503, before any stream starts.</summary>
public sealed class QueryUnreachableModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedApiFactory _factory;
    private readonly DocumentsClient _client;

    public QueryUnreachableModelTests()
    {
        // Port 9 (discard) refuses connections at once on a machine without an Ollama.
        _factory = new EmbeddedApiFactory(_dir.Path, new Dictionary<string, string?> { ["ConnectionStrings:ollama"] = "Endpoint=http://127.0.0.1:9;Model=llama3.2" });
        _client = new DocumentsClient(_factory.CreateClient());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Query_ChatModelUnreachable_ReturnsProblem503(bool stream)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await _client.UploadAsync("dome.txt", Encoding.UTF8.GetBytes("The Quillfeather observatory dome was painted cobalt blue in 1904."));
        await _client.WaitUntilIndexedAsync(id);

        // Act
        using var response = await _client.Http.PostAsJsonAsync("/api/v2/query", new { question = "What colour is the Quillfeather dome?", stream }, ct);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _dir.Dispose();
    }
}

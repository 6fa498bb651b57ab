using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class EmbeddingModelChangeTests
{
    [Fact]
    public async Task Restart_WithAnotherEmbeddingModel_RefusesToMixVectorsInTheCollection()
    {
        // Arrange: a collection built with the default model (arctic-xs)
        using var dir = new TempDirectory();
        await using (var first = new EmbeddedApiFactory(dir.Path))
        {
            var client = new DocumentsClient(first.CreateClient());
            await client.WaitUntilIndexedAsync(await client.UploadAsync("a.txt", Encoding.UTF8.GetBytes("Arctic vectors live here.")));
        }

        // Act: the same data directory served with MiniLM
        await using var second = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["DataDistiller:Models:Embedder:Model"] = "minilm" });
        var restarted = new DocumentsClient(second.CreateClient());
        var id = await restarted.UploadAsync("b.txt", Encoding.UTF8.GetBytes("MiniLM vectors must not join them."));
        var status = await restarted.WaitUntilEndedAsync(id);
        using var search = await restarted.Http.PostAsJsonAsync("/api/v2/search", new { question = "vectors" }, TestContext.Current.CancellationToken);
        var problem = await DocumentsClient.ReadJsonAsync(search);

        // Assert
        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains("snowflake-arctic-embed-xs", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("all-MiniLM-L6-v2", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, search.StatusCode);
        Assert.Contains("re-ingest", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

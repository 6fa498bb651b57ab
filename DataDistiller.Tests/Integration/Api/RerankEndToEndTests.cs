using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// Re-ranking through HTTP with the ONNX cross-encoder adapter and a test graph whose score is the sum of the passage's
/// token ids: "cafe" (the highest id) makes a passage relevant. Fusion ranks the cafe chunk below five others that
/// share words with the question (it shares none, so only the dense leg brings it); the re-ranker must lift it into the top 5.
/// </summary>
public sealed class RerankEndToEndTests : IAsyncLifetime
{
    private const string Collection = "e2e-rerank";
    private const string Question = "cat mat dog";
    private readonly TempDirectory _model = new();
    private readonly TempDirectory _data = new();
    private EmbeddedApiFactory? _factory;
    private DocumentsClient? _client;

    public async ValueTask InitializeAsync()
    {
        TestCrossEncoder.WriteTo(_model.Path);
        _factory = new EmbeddedApiFactory(_data.Path, new Dictionary<string, string?> { ["DataDistiller:Models:Reranker:Path"] = _model.Path });
        _client = new DocumentsClient(_factory.CreateClient());
        string[] texts =
        [
            "the cat sat on the mat", "the cat sat on the mat the cat", "the cat runs on the mat", "the mat the cat sat on",
            "the cat on the mat runs", "the cat sat on a mat", "cafe cafe cafe cafe cafe cafe cafe",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            await _client.WaitUntilIndexedAsync(await _client.UploadAsync($"doc-{i}.txt", Encoding.UTF8.GetBytes(texts[i]), Collection));
        }
    }

    public ValueTask DisposeAsync()
    {
        _factory?.Dispose();
        _data.Dispose();
        _model.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Search_WithTheCrossEncoder_MovesTheRelevantChunkIntoTheTop5()
    {
        // Act
        var fused = await _client!.SearchResponseAsync(Question, Collection, 5, "hybrid-rrf@1");
        var reranked = await _client.SearchResponseAsync(Question, Collection, 5, "hybrid-rerank@1");

        // Assert
        Assert.DoesNotContain("doc-6.txt", fused["hits"]!.AsArray().Select(h => h!["fileName"]!.GetValue<string>()));
        Assert.Equal("doc-6.txt", reranked["hits"]![0]!["fileName"]!.GetValue<string>());
        Assert.StartsWith("onnx", reranked["reranker"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Ollama;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Ollama;

public sealed class OllamaEmbeddingGeneratorTests
{
    private static readonly OllamaEmbeddingOptions s_options = new()
    {
        OllamaModel = "nomic-embed-text",
        OllamaDimensions = 16,
        OllamaQueryPrefix = "search_query: ",
        OllamaDocumentPrefix = "search_document: ",
    };

    [Fact]
    public async Task GenerateAsync_PrefixesQueriesAndPassagesAsTheModelExpects()
    {
        // Arrange
        using var inner = new FakeEmbeddingGenerator(16);
        using var generator = new OllamaEmbeddingGenerator(inner, new Uri("http://ollama:11434"), s_options);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var query = await generator.GenerateAsync(["fox den"], EmbeddingInputType.ForQuery(), ct);
        var passage = await generator.GenerateAsync(["fox den"], cancellationToken: ct);

        // Assert
        Assert.Equal(inner.Embed("search_query: fox den"), query[0].Vector.ToArray());
        Assert.Equal(inner.Embed("search_document: fox den"), passage[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_WhenTheModelAnswersWithAnotherLength_Throws()
    {
        using var inner = new FakeEmbeddingGenerator(8);
        using var generator = new OllamaEmbeddingGenerator(inner, new Uri("http://ollama:11434"), s_options);

        await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(["fox"], cancellationToken: TestContext.Current.CancellationToken));
    }
}

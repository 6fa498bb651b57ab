using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Ollama;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Integration.Ollama;

/// <summary>The Ollama embedder against a real server; runs when <c>ConnectionStrings__ollama</c> is set (nomic-embed-text unless told otherwise).</summary>
[Trait("Category", "Integration")]
public sealed class OllamaEmbeddingContractTests
{
    private const string Variable = "ConnectionStrings__ollama";

    [Fact]
    public async Task GenerateAsync_WithOllama_ReturnsVectorsOfTheRecordedLength()
    {
        // Arrange
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(connection))
        {
            Assert.Skip($"{Variable} is not set: no Ollama server to test against (e.g. Endpoint=http://localhost:11434).");
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:ollama"] = connection;
        builder.Configuration["DataDistiller:Models:Embedder:OllamaModel"] = Environment.GetEnvironmentVariable("DataDistiller__Models__Embedder__OllamaModel") ?? "nomic-embed-text";
        builder.Configuration["DataDistiller:Models:Embedder:OllamaDimensions"] = Environment.GetEnvironmentVariable("DataDistiller__Models__Embedder__OllamaDimensions") ?? "768";
        builder.Configuration["DataDistiller:Models:Embedder:OllamaQueryPrefix"] = "search_query: ";
        builder.Configuration["DataDistiller:Models:Embedder:OllamaDocumentPrefix"] = "search_document: ";
        builder.AddEmbeddings();
        using var services = builder.Services.BuildServiceProvider();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<OllamaEmbeddingGenerator>(embedder);

        // Act
        var embeddings = await embedder.GenerateAsync(["The dome was painted cobalt blue."], EmbeddingInputType.ForQuery(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new EmbeddingModelResolver(embedder).Resolve().Dimensions, embeddings[0].Vector.Length);
    }
}

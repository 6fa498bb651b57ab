using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Kafka;
using DataDistiller.Infrastructure.Ollama;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Infrastructure.Qdrant;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Unit.Adapters;

public sealed class AdapterHostingExtensionsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void AddDataDistillerAdapters_WithKafkaAndQdrantConnectionStrings_ResolvesThemWithoutAServer()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:kafka"] = "localhost:1",
            ["ConnectionStrings:qdrant"] = "Endpoint=http://localhost:1;Key=k",
        });

        // Act
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var index = host.Services.GetRequiredService<IChunkIndex>();

        // Assert
        Assert.IsType<KafkaMessageBus>(bus);
        Assert.IsType<QdrantChunkIndex>(index);
        var choices = host.Services.GetServices<AdapterChoice>().ToList();
        Assert.Contains(new AdapterChoice("message bus", "Kafka"), choices);
        Assert.Contains(new AdapterChoice("chunk index", "Qdrant (dense + BM25 sparse)"), choices);
    }

    [Fact]
    public void AddDataDistillerAdapters_WithoutConnectionStrings_ResolvesTheEmbeddedAdapters()
    {
        using var host = BuildHost([]);

        Assert.IsType<SqliteMessageBus>(host.Services.GetRequiredService<IMessageBus>());
        Assert.IsType<LocalChunkIndex>(host.Services.GetRequiredService<IChunkIndex>());
    }

    [Fact]
    public void AddEmbeddings_WithOllamaAndAnEmbeddingModel_ReportsTheOllamaModel()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:ollama"] = "Endpoint=http://localhost:1;Model=llama3.2",
            ["DataDistiller:Models:Embedder:OllamaModel"] = "nomic-embed-text",
            ["DataDistiller:Models:Embedder:OllamaDimensions"] = "768",
        });

        // Act
        var embedder = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        // Assert
        Assert.IsType<OllamaEmbeddingGenerator>(embedder);
        Assert.Equal(new EmbeddingModelInfo("nomic-embed-text", 768), new EmbeddingModelResolver(embedder).Resolve());
        Assert.Contains(new AdapterChoice("embeddings", "Ollama (nomic-embed-text)"), host.Services.GetServices<AdapterChoice>());
    }

    [Fact]
    public void AddEmbeddings_WithOllamaButNoEmbeddingModel_KeepsThePackagedModel()
    {
        using var host = BuildHost(new() { ["ConnectionStrings:ollama"] = "Endpoint=http://localhost:1;Model=llama3.2" });

        Assert.IsType<OnnxEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task AddEmbeddings_WithAnOllamaModelButNoDimensions_FailsOnStart()
    {
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:ollama"] = "Endpoint=http://localhost:1",
            ["DataDistiller:Models:Embedder:OllamaModel"] = "nomic-embed-text",
        });

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("OllamaDimensions", StringComparison.Ordinal));
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["DataDistiller:DataDirectory"] = _data.Path;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDataDistillerAdapters();
        builder.AddEmbeddings();
        return builder.Build();
    }
}

using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.HttpReranking;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Infrastructure.Resilience;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Adapters;

public sealed class RetrievalAdaptersHostingExtensionsTests
{
    private const string Section = OnnxRerankerOptions.SectionName;

    [Fact]
    public void AddRetrievalWithAdapters_WithRerankerConnectionString_ResolvesHttpReranker()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:reranker"] = "Endpoint=http://reranker:8080;Model=bge-reranker-base",
            [$"{Section}:Path"] = "/ignored/when/a/server/is/configured",
        });

        // Act
        var reranker = host.Services.GetRequiredService<IReranker>();

        // Assert: the adapter, behind its circuit breaker
        Assert.IsType<ResilientReranker>(reranker);
        Assert.IsType<HttpReranker>(host.Services.GetRequiredKeyedService<IReranker>(ResilienceHostingExtensions.InnerKey));
        Assert.Equal("http-tei (bge-reranker-base)", reranker.Name);
        Assert.Equal(new AdapterChoice("re-ranker", "HTTP cross-encoder (tei)"), host.Services.GetRequiredService<AdapterChoice>());
    }

    [Fact]
    public void AddRetrievalWithAdapters_WithModelPath_ResolvesOnnxCrossEncoder()
    {
        // Arrange
        using var folder = new TempDirectory();
        TestCrossEncoder.WriteTo(folder.Path);
        using var host = BuildHost(new() { [$"{Section}:Path"] = folder.Path });

        // Act
        var reranker = host.Services.GetRequiredKeyedService<IReranker>(ResilienceHostingExtensions.InnerKey);

        // Assert
        Assert.IsType<OnnxCrossEncoderReranker>(reranker);
        Assert.Equal("onnx-cross-encoder (ms-marco-MiniLM-L-6-v2)", reranker.Name);
        Assert.Equal("ONNX cross-encoder", host.Services.GetRequiredService<AdapterChoice>().Adapter);
    }

    [Fact]
    public void AddRetrievalWithAdapters_WithDownloadEnabled_ResolvesOnnxCrossEncoderOverTheCache()
    {
        // Arrange
        using var data = new TempDirectory();
        using var host = BuildHost(new() { [$"{Section}:Download"] = "true", ["DataDistiller:DataDirectory"] = data.Path });

        // Act
        var reranker = host.Services.GetRequiredKeyedService<IReranker>(ResilienceHostingExtensions.InnerKey);

        // Assert: nothing is downloaded before the first question
        Assert.IsType<OnnxCrossEncoderReranker>(reranker);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "models")));
    }

    [Fact]
    public void AddRetrievalWithAdapters_WithNothingConfigured_KeepsTheEmbeddedFallback()
    {
        // Arrange
        var builder = Host.CreateApplicationBuilder();

        // Act
        builder.AddRetrievalWithAdapters();

        // Assert
        var registration = Assert.Single(builder.Services, d => d.ServiceType == typeof(IReranker) && d.IsKeyedService);
        Assert.Equal(ResilienceHostingExtensions.InnerKey, registration.ServiceKey);
        Assert.Equal(typeof(SentenceSimilarityReranker), registration.KeyedImplementationType);
        Assert.Contains(builder.Services, d => d.ImplementationInstance is AdapterChoice { Port: "re-ranker", Adapter: "embedded sentence re-scoring" });
    }

    [Fact]
    public async Task AddReranking_WhenModelPathHasNoModel_FailsOnStart()
    {
        // Arrange: the re-ranker alone, since the retrieval services need an embedder this test does not register
        using var empty = new TempDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{Section}:Path"] = empty.Path });
        builder.AddReranking();
        using var host = builder.Build();

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(error.Failures, f => f.Contains("model.onnx", StringComparison.Ordinal));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRetrievalWithAdapters();
        return builder.Build();
    }
}

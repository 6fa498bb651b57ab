using DataDistiller.Infrastructure.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class OnnxEmbeddingsHostingExtensionsTests
{
    private const string Section = OnnxEmbeddingOptions.SectionName;

    [Fact]
    public void AddOnnxEmbeddings_WhenResolved_SharesOneGeneratorAndItsTokenizer()
    {
        // Arrange
        using var host = BuildHost(new() { [$"{Section}:Model"] = OnnxEmbeddingModels.MiniLm });

        // Act
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var tokenizer = host.Services.GetRequiredService<Tokenizer>();

        // Assert
        var onnx = Assert.IsType<OnnxEmbeddingGenerator>(generator);
        Assert.Same(onnx, host.Services.GetRequiredService<OnnxEmbeddingGenerator>());
        Assert.Same(onnx.Tokenizer, tokenizer);
        Assert.Equal("all-MiniLM-L6-v2", onnx.ModelId);
    }

    [Fact]
    public async Task AddOnnxEmbeddings_WhenModelPathWithoutVocabPath_FailsOnStart()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            [$"{Section}:ModelPath"] = "/nowhere/model.onnx",
            [$"{Section}:ModelId"] = "custom",
        });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(error.Failures, f => f.Contains("VocabPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddOnnxEmbeddings_WhenModelIsUnknown_FailsOnStart()
    {
        // Arrange
        using var host = BuildHost(new() { [$"{Section}:Model"] = "gpt-embed" });

        // Act and assert
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddOnnxEmbeddings_WhenPrecisionIsUnknown_FailsOnStart()
    {
        // Arrange
        using var host = BuildHost(new() { [$"{Section}:Precision"] = "int4" });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(error.Failures, f => f.Contains("Precision", StringComparison.Ordinal));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOnnxEmbeddings();
        return builder.Build();
    }
}

using DataDistiller.Core.Answers;
using DataDistiller.Infrastructure.Chat;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Integration.Ollama;

/// <summary>The Ollama chat adapter against a real server; runs when <c>ConnectionStrings__ollama</c> is set.</summary>
[Trait("Category", "Integration")]
public sealed class OllamaChatContractTests
{
    private const string Variable = "ConnectionStrings__ollama";

    private static readonly DataDistiller.Core.Retrieval.ChunkInfo[] s_sources =
        [TestChunks.Chunk("observatory.txt", 3, "The Quillfeather observatory dome was painted cobalt blue in 1904.")];

    [Fact]
    public async Task AnswerAsync_WithOllama_AnswersFromTheSourceAndNamesOllama()
    {
        // Arrange
        using var services = Services();
        var generator = services.GetRequiredService<IAnswerGenerator>();

        // Act
        var answer = await generator.GenerateAsync("In which year was the Quillfeather dome painted?", s_sources, TestContext.Current.CancellationToken);

        // Assert
        Assert.StartsWith("ollama", answer.Provider, StringComparison.Ordinal);
        Assert.Contains("1904", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_WithOllama_StreamsNonEmptyText()
    {
        using var services = Services();
        var ct = TestContext.Current.CancellationToken;

        var pieces = await services.GetRequiredService<IAnswerGenerator>().StreamAsync("What colour is the dome?", s_sources, ct).ToListAsync(ct);

        Assert.NotEmpty(string.Concat(pieces.Select(p => p.Text)).Trim());
    }

    private static ServiceProvider Services()
    {
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(connection))
        {
            Assert.Skip($"{Variable} is not set: no Ollama server to test against (e.g. Endpoint=http://localhost:11434;Model=llama3.2).");
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:ollama"] = connection;
        builder.Services.AddLogging();
        builder.AddChatModels();
        builder.AddAnswers();
        var services = builder.Services.BuildServiceProvider();
        Assert.NotNull(services.GetService<IChatClient>());
        return services;
    }
}

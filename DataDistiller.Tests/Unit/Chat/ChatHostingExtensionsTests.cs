using DataDistiller.Core.Answers;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Unit.Chat;

public sealed class ChatHostingExtensionsTests
{
    private const string Ollama = "Endpoint=http://ollama.local:11434;Model=llama3.2";
    private const string OpenAI = "Endpoint=http://llm.local:8000/v1;Key=secret;Model=qwen";

    [Fact]
    public void AddChatModels_NothingConfigured_UsesTheExtractiveAnswerer()
    {
        using var services = Build(null, null);

        Assert.Null(services.GetService<IChatClient>());
        Assert.IsType<ExtractiveAnswerer>(services.GetRequiredService<IAnswerGenerator>());
        Assert.Contains("extractive", Choice(services), StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatModels_OllamaOnly_UsesOllama()
    {
        using var services = Build(Ollama, null);

        Assert.Equal("ollama (llama3.2)", ChatProviders.Describe(services.GetRequiredService<IChatClient>()));
        Assert.IsType<ChatAnswerGenerator>(services.GetRequiredService<IAnswerGenerator>());
        Assert.Equal("Ollama llama3.2 at http://ollama.local:11434", Choice(services));
    }

    [Fact]
    public void AddChatModels_OpenAIOnly_UsesTheOpenAICompatibleEndpointWithoutLoggingTheKey()
    {
        using var services = Build(null, OpenAI);

        Assert.Equal("openai (qwen)", ChatProviders.Describe(services.GetRequiredService<IChatClient>()));
        Assert.DoesNotContain("secret", Choice(services), StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatModels_Both_UsesFailoverWithOllamaFirst()
    {
        using var services = Build(Ollama, OpenAI);

        Assert.IsType<ProviderFailoverChatClient>(services.GetRequiredService<IChatClient>());
        Assert.StartsWith("Ollama llama3.2", Choice(services), StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatModels_OllamaWithoutModel_TakesTheModelOption()
    {
        using var services = Build("Endpoint=http://ollama.local:11434", null, ("DataDistiller:Models:Chat:Model", "phi4"));

        Assert.Equal("ollama (phi4)", ChatProviders.Describe(services.GetRequiredService<IChatClient>()));
    }

    [Fact]
    public void AddChatModels_OllamaWithoutAnyModel_FailsAtStartWithTheSettingToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build("Endpoint=http://ollama.local:11434", null).Dispose());

        Assert.Contains("DataDistiller:Models:Chat:Model", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string? ollama, string? openai, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:ollama"] = ollama;
        builder.Configuration["ConnectionStrings:openai"] = openai;
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddLogging();
        builder.AddChatModels();
        builder.AddAnswers();
        return builder.Services.BuildServiceProvider();
    }

    private static string Choice(IServiceProvider services) =>
        services.GetServices<AdapterChoice>().Single(c => c.Port == "answer generation").Adapter;
}

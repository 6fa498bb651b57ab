using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Ollama;
using DataDistiller.Infrastructure.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Chat;

public static class ChatHostingExtensions
{
    private const string Port = "answer generation";

    /// <summary>
    /// Chooses answer generation from the connection strings: none, the extractive answerer (no
    /// <see cref="IChatClient"/> is registered); <c>ollama</c> or <c>openai</c> alone, that provider; both, Ollama
    /// behind a circuit breaker with the OpenAI-compatible endpoint as failover.
    /// </summary>
    public static IHostApplicationBuilder AddChatModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ollama = ChatConnectionString.Find(builder.Configuration, ChatConnectionNames.Ollama);
        var openai = ChatConnectionString.Find(builder.Configuration, ChatConnectionNames.OpenAI);
        var fallbackModel = builder.Configuration[$"{ChatModelOptions.SectionName}:Model"];
        builder.Services.AddChatModelOptions();
        switch ((ollama, openai))
        {
            case (null, null):
                Report(builder, "extractive (no chat model configured)");
                break;
            case ({ } primary, null):
                builder.AddOllamaChatClient();
                Report(builder, $"Ollama {primary.ModelOr(ChatConnectionNames.Ollama, fallbackModel)} at {primary.Where}");
                break;
            case (null, { } secondary):
                builder.AddOpenAIChatClient();
                Report(builder, $"OpenAI-compatible {secondary.ModelOr(ChatConnectionNames.OpenAI, fallbackModel)} at {secondary.Where}");
                break;
            case ({ } primary, { } secondary):
                builder.AddOllamaChatClient(serviceKey: ChatConnectionNames.Ollama);
                builder.AddOpenAIChatClient(serviceKey: ChatConnectionNames.OpenAI);
                builder.Services.AddSingleton<IChatClient>(CreateFailover);
                Report(builder, $"Ollama {primary.ModelOr(ChatConnectionNames.Ollama, fallbackModel)} at {primary.Where}, " +
                    $"failing over to OpenAI-compatible {secondary.ModelOr(ChatConnectionNames.OpenAI, fallbackModel)} at {secondary.Where}");
                break;
        }

        return builder;
    }

    private static ProviderFailoverChatClient CreateFailover(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<ProviderFailoverChatClient>>();
        var breaker = ChatCircuitBreaker.Create(
            services.GetRequiredService<IOptions<ChatModelOptions>>().Value, services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
        return new ProviderFailoverChatClient(
            services.GetRequiredKeyedService<IChatClient>(ChatConnectionNames.Ollama),
            services.GetRequiredKeyedService<IChatClient>(ChatConnectionNames.OpenAI),
            breaker,
            logger);
    }

    private static void Report(IHostApplicationBuilder builder, string adapter) =>
        builder.Services.AddSingleton(new AdapterChoice(Port, adapter));
}

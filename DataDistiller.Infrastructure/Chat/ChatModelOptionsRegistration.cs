using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Infrastructure.Chat;

internal static class ChatModelOptionsRegistration
{
    /// <summary>Binds and validates <see cref="ChatModelOptions"/>; safe to call from each provider's registration.</summary>
    public static IServiceCollection AddChatModelOptions(this IServiceCollection services)
    {
        services.AddOptions<ChatModelOptions>().BindConfiguration(ChatModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>Registers a chat client, keyed when <paramref name="serviceKey"/> is set, with logging and telemetry.</summary>
    public static ChatClientBuilder AddChatClient(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, IChatClient> create)
    {
        services.AddChatModelOptions();
        var chat = serviceKey is null ? services.AddChatClient(create) : services.AddKeyedChatClient(serviceKey, create);
        // Logging stays at Debug and above in production: LoggingChatClient writes prompts only at Trace.
        return chat.UseLogging().UseOpenTelemetry(sourceName: ChatTelemetry.SourceName);
    }
}

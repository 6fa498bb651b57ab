using DataDistiller.Infrastructure.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OllamaSharp;

namespace DataDistiller.Infrastructure.Ollama;

public static class OllamaChatHostingExtensions
{
    /// <summary>
    /// Registers Ollama as an <see cref="IChatClient"/> (keyed by <paramref name="serviceKey"/> when set) from
    /// <c>ConnectionStrings:<paramref name="connectionName"/></c> (<c>Endpoint=http://host:11434;Model=llama3.2</c>, the
    /// CommunityToolkit Aspire format); the model falls back to <c>DataDistiller:Models:Chat:Model</c>.
    /// </summary>
    public static ChatClientBuilder AddOllamaChatClient(
        this IHostApplicationBuilder builder, string connectionName = ChatConnectionNames.Ollama, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = ChatConnectionString.Require(builder.Configuration, connectionName);
        var model = connection.ModelOr(connectionName, builder.Configuration[$"{ChatModelOptions.SectionName}:Model"]);
        return builder.Services.AddChatClient(serviceKey, sp =>
        {
            // Not the factory's client: the standard resilience handler's 30 s total timeout would cut generation short.
            var http = new HttpClient { BaseAddress = connection.Endpoint, Timeout = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value.Timeout };
            return new OllamaApiClient(http, model);
        });
    }
}

using System.ClientModel;
using DataDistiller.Infrastructure.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace DataDistiller.Infrastructure.OpenAI;

public static class OpenAIChatHostingExtensions
{
    /// <summary>
    /// Registers any OpenAI-compatible endpoint as an <see cref="IChatClient"/> (keyed by <paramref name="serviceKey"/>
    /// when set) from <c>ConnectionStrings:<paramref name="connectionName"/></c> (<c>Endpoint=...;Key=...;Model=...</c>).
    /// </summary>
    public static ChatClientBuilder AddOpenAIChatClient(
        this IHostApplicationBuilder builder, string connectionName = ChatConnectionNames.OpenAI, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = ChatConnectionString.Require(builder.Configuration, connectionName);
        var model = connection.ModelOr(connectionName, builder.Configuration[$"{ChatModelOptions.SectionName}:Model"]);
        return builder.Services.AddChatClient(serviceKey, sp =>
        {
            // Local OpenAI-compatible servers (vLLM, llama.cpp) take no key, but the SDK refuses an empty one.
            var key = new ApiKeyCredential(connection.Key ?? "unused");
            var client = new OpenAIClientOptions { Endpoint = connection.Endpoint, NetworkTimeout = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value.Timeout };
            return new ChatClient(model, key, client).AsIChatClient();
        });
    }
}

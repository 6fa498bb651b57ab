using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Answers;

/// <summary>Names what wrote an answer, so every answer (and its A/B figures) says which model served it.</summary>
public static class ChatProviders
{
    /// <summary>The key under which a failover chat client stamps the provider that served a response or update.</summary>
    public const string PropertyName = "datadistiller.provider";

    public const string Extractive = "extractive";

    /// <summary>No provider ran: retrieval found no sources.</summary>
    public const string None = "none";

    /// <summary>"provider (model)" from the client's metadata, e.g. <c>ollama (llama3.2)</c>.</summary>
    public static string Describe(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = client.GetService<ChatClientMetadata>();
        var provider = metadata?.ProviderName ?? client.GetType().Name;
        return metadata?.DefaultModelId is { } model ? $"{provider} ({model})" : provider;
    }

    /// <summary>The provider a failover client stamped on a response or update, if any.</summary>
    public static string? ServedBy(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(PropertyName, out var value) == true ? value as string : null;

    /// <summary>Stamps <paramref name="provider"/> on a response's or an update's properties.</summary>
    public static AdditionalPropertiesDictionary Stamp(AdditionalPropertiesDictionary? properties, string provider)
    {
        properties ??= [];
        properties[PropertyName] = provider;
        return properties;
    }
}

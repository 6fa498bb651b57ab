using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.Infrastructure.Chat;

/// <summary>
/// A chat provider's connection string in the Aspire (CommunityToolkit) format:
/// <c>Endpoint=http://host:11434;Model=llama3.2</c>, with <c>Key=</c> for OpenAI-compatible servers.
/// </summary>
public sealed record ChatConnectionString(Uri Endpoint, string? Model, string? Key)
{
    /// <summary>The parsed <c>ConnectionStrings:<paramref name="name"/></c>, or null when it is not set.</summary>
    /// <exception cref="InvalidOperationException">It is set but has no absolute <c>Endpoint</c>.</exception>
    public static ChatConnectionString? Find(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(name) is { Length: > 0 } value ? Parse(name, value) : null;
    }

    /// <summary>The parsed <c>ConnectionStrings:<paramref name="name"/></c>.</summary>
    /// <exception cref="InvalidOperationException">It is not set or has no absolute <c>Endpoint</c>.</exception>
    public static ChatConnectionString Require(IConfiguration configuration, string name) =>
        Find(configuration, name) ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set.");

    public static ChatConnectionString Parse(string name, string value)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = value };
        if (!Uri.TryCreate(Get(parts, "Endpoint"), UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"ConnectionStrings:{name} needs an absolute Endpoint, e.g. 'Endpoint=http://localhost:11434;Model=llama3.2'.");
        }

        return new ChatConnectionString(endpoint, Get(parts, "Model"), Get(parts, "Key"));
    }

    /// <summary>The model: the connection string's, else the option's.</summary>
    /// <exception cref="InvalidOperationException">Neither names one.</exception>
    public string ModelOr(string name, string? fallback) =>
        Model ?? (string.IsNullOrWhiteSpace(fallback)
            ? throw new InvalidOperationException($"ConnectionStrings:{name} names no Model; add 'Model=...' or set {ChatModelOptions.SectionName}:Model.")
            : fallback);

    /// <summary>Where the provider is, for the start-up log: scheme, host and port only, never credentials.</summary>
    public string Where => $"{Endpoint.Scheme}://{Endpoint.Host}:{Endpoint.Port}";

    private static string? Get(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : null;
}

using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>
/// The Qdrant client's settings, bound like Aspire.Qdrant.Client's: <c>ConnectionStrings:{name}</c>
/// (<c>Endpoint=http://host:6334;Key=...</c>, or a bare URI) over <c>Aspire:Qdrant:Client</c> (then <c>...:Client:{name}</c>).
/// </summary>
public sealed class QdrantClientSettings
{
    public const string SectionName = "Aspire:Qdrant:Client";

    /// <summary>The gRPC endpoint, e.g. <c>http://localhost:6334</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key.</summary>
    public string? Key { get; set; }

    public bool DisableHealthChecks { get; set; }

    /// <summary>How long the health check waits for Qdrant.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The settings for <paramref name="connectionName"/>.</summary>
    public static QdrantClientSettings Read(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new QdrantClientSettings();
        configuration.GetSection(SectionName).Bind(settings);
        configuration.GetSection($"{SectionName}:{connectionName}").Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ParseConnectionString(connectionString);
        }

        return settings;
    }

    /// <summary>Reads <c>Endpoint</c> and <c>Key</c> from a connection string; a bare absolute URI is the endpoint.</summary>
    public void ParseConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri))
        {
            Endpoint = uri;
            return;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (parts.TryGetValue("Endpoint", out var endpoint))
        {
            Endpoint = Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var parsed)
                ? parsed
                : throw new InvalidOperationException("The Qdrant connection string needs an absolute Endpoint, e.g. 'Endpoint=http://localhost:6334;Key=...'.");
        }

        if (parts.TryGetValue("Key", out var key) && key?.ToString() is { Length: > 0 } text)
        {
            Key = text;
        }
    }
}

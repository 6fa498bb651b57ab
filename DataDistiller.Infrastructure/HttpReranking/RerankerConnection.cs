using System.Data.Common;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>
/// The re-ranking server from <c>ConnectionStrings:reranker</c>: a plain URL, or <c>Endpoint=…;Key=…;Model=…</c>.
/// </summary>
/// <param name="Endpoint">The server's base URL, or its full <c>…/rerank</c> URL.</param>
/// <param name="Key">The bearer token, if the server needs one.</param>
/// <param name="Model">The model to ask for (Cohere dialect), if the server serves several.</param>
public sealed record RerankerConnection(Uri Endpoint, string? Key, string? Model)
{
    /// <summary>The <c>/rerank</c> URL: the endpoint itself when it already names it.</summary>
    public Uri RerankUri => Endpoint.AbsolutePath.EndsWith("/rerank", StringComparison.OrdinalIgnoreCase)
        ? Endpoint
        : new Uri(Endpoint.AbsoluteUri.EndsWith('/') ? Endpoint : new Uri(Endpoint.AbsoluteUri + "/"), "rerank");

    /// <exception cref="FormatException">Neither a URL nor a connection string with an http(s) <c>Endpoint</c>.</exception>
    public static RerankerConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (TryHttpUri(connectionString, out var url))
        {
            return new(url, null, null);
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("ConnectionStrings:reranker is neither a URL nor 'Endpoint=…;Key=…;Model=…'.", ex);
        }

        if (!parts.TryGetValue("Endpoint", out var endpoint) || !TryHttpUri(endpoint as string, out var endpointUri))
        {
            throw new FormatException("ConnectionStrings:reranker needs an http(s) Endpoint.");
        }

        return new(endpointUri, Value(parts, "Key"), Value(parts, "Model"));
    }

    private static bool TryHttpUri(string? text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Value(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : null;
}

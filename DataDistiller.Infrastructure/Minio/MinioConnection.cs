using System.Data.Common;
using Minio;

namespace DataDistiller.Infrastructure.Minio;

/// <summary>
/// <c>ConnectionStrings:minio</c> in the CommunityToolkit Aspire format,
/// <c>Endpoint=http://host:9000;AccessKey=…;SecretKey=…</c>. Not a record, so the secret never reaches a ToString.
/// </summary>
public sealed class MinioConnection
{
    private MinioConnection(Uri endpoint, string accessKey, string secretKey)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public Uri Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public static MinioConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Required(string name) =>
            parts.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text
                ? text
                : throw new FormatException($"The MinIO connection string has no {name} (expected Endpoint=http://host:9000;AccessKey=…;SecretKey=…).");

        var endpoint = Required("Endpoint");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException("The MinIO Endpoint must be an absolute http:// or https:// URL.");
        }

        return new MinioConnection(uri, Required("AccessKey"), Required("SecretKey"));
    }

    public IMinioClient CreateClient() =>
        new MinioClient()
            .WithEndpoint(Endpoint.Host, Endpoint.Port)
            .WithCredentials(AccessKey, SecretKey)
            .WithSSL(Endpoint.Scheme == Uri.UriSchemeHttps)
            .Build();
}

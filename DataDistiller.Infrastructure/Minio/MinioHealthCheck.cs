using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace DataDistiller.Infrastructure.Minio;

/// <summary>Healthy when the server answers and the document bucket exists.</summary>
public sealed class MinioHealthCheck(IMinioClient client, IOptions<MinioBlobStoreOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var bucket = options.Value.Bucket;
            return await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Bucket '{bucket}' does not exist.");
        }
        catch (Exception ex) when (ex is MinioException or HttpRequestException or IOException)
        {
            return HealthCheckResult.Unhealthy("MinIO did not answer.", ex);
        }
    }
}

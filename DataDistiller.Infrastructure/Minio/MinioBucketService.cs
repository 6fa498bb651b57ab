using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Minio;

/// <summary>Ensures the bucket at start-up, so a wrong endpoint or key stops the service before it takes uploads.</summary>
public sealed class MinioBucketService(MinioBlobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

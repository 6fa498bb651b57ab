using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any blob store behind a timeout and a circuit breaker.</summary>
public sealed class ResilientBlobStore(IBlobStore inner, DependencyPipeline pipeline) : IBlobStore
{
    public Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.PutAsync(key, content, ct), cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.OpenReadAsync(key, ct), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.DeleteAsync(key, ct), cancellationToken);
}

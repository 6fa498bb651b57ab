using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Blobs;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>Any blob store behind a timeout and a circuit breaker.</summary>
public sealed class ResilientBlobStore(IBlobStore inner, DependencyPipeline pipeline) : IBlobStore
{
    public bool NeedsLength => inner.NeedsLength;

    public async Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek || !inner.NeedsLength)
        {
            return await pipeline.ExecuteAsync(ct => inner.PutAsync(key, content, ct), cancellationToken).ConfigureAwait(false);
        }

        // Receiving the bytes is the client's time; only the write to the store is the store's, under its timeout.
        var spool = await BlobSpool.CopyAsync(content, cancellationToken).ConfigureAwait(false);
        await using (spool.ConfigureAwait(false))
        {
            return await pipeline.ExecuteAsync(ct => inner.PutAsync(key, spool, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.OpenReadAsync(key, ct), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => inner.DeleteAsync(key, ct), cancellationToken);
}

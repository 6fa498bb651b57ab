using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Ports;

/// <summary>
/// Remembers Idempotency-Key headers per collection: which request claimed a key and the response it got, so a retry
/// gets the same answer and a reuse of the key for another request is refused.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request with <paramref name="requestHash"/> until <paramref name="expiresAt"/>. Returns null when this
    /// call claimed it (an expired claim counts as free), else the live claim that holds it. Race-safe: of concurrent
    /// callers exactly one claims.
    /// </summary>
    Task<IdempotencyClaim?> TryClaimAsync(string collection, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Records the response of a claimed key, so later requests with it replay it.</summary>
    Task CompleteAsync(string collection, string key, string response, CancellationToken cancellationToken);

    /// <summary>Frees a claim whose request failed before it had a response, so the client can retry with the same key.</summary>
    Task ReleaseAsync(string collection, string key, CancellationToken cancellationToken);
}

namespace DataDistiller.Core.Ingestion;

/// <summary>Exponential backoff with full jitter, so retries of many consumers do not arrive in step.</summary>
public static class RetryDelay
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (from 1): random in [0, min(cap, base·2^(attempt-1))].</summary>
    public static TimeSpan For(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
#pragma warning disable CA5394 // jitter needs no cryptographic randomness
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}

namespace DataDistiller.Core.Ports;

/// <summary>
/// A dependency behind a port (job store, blob store, chunk index, embedder, re-ranker) failed, timed out or has its
/// circuit open. Callers degrade (search without the dense leg) or answer 503 with <see cref="RetryAfter"/>.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
        : this("dependency", "unavailable", TimeSpan.FromSeconds(30))
    {
    }

    public DependencyUnavailableException(string message)
        : this("dependency", message, TimeSpan.FromSeconds(30))
    {
    }

    public DependencyUnavailableException(string message, Exception innerException)
        : this("dependency", message, TimeSpan.FromSeconds(30), innerException)
    {
    }

    public DependencyUnavailableException(string dependency, string reason, TimeSpan retryAfter, Exception? innerException = null)
        : base($"{dependency} unavailable: {reason}", innerException)
    {
        Dependency = dependency;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>The dependency, e.g. <c>job store</c> or <c>embedder</c>.</summary>
    public string Dependency { get; }

    /// <summary>Why, in words safe to show a client: <c>circuit open</c>, <c>timed out</c>, <c>failed</c>.</summary>
    public string Reason { get; }

    /// <summary>When trying again makes sense: the rest of the break while the circuit is open.</summary>
    public TimeSpan RetryAfter { get; }
}

using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>The timeout and circuit breaker in front of one dependency.</summary>
public sealed class DependencyResilienceOptions
{
    /// <summary>Longest a single call may take before it counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio is trusted.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Calls allowed in flight at once (a bulkhead); null means no limit. Calls over it wait in a queue of
    /// <see cref="MaxQueuedCalls"/>, and beyond that are refused at once as busy, without counting against the circuit:
    /// shedding load is not the dependency failing.
    /// </summary>
    [Range(1, 10_000)]
    public int? MaxConcurrentCalls { get; set; }

    /// <summary>Calls that may wait for a slot when <see cref="MaxConcurrentCalls"/> are in flight.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedCalls { get; set; }

    /// <summary>How long an open circuit refuses calls before it lets one through to test the dependency.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Polly.CircuitBreaker;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>
/// The state of every dependency circuit breaker as the gauge <c>datadistiller.circuit_breaker.state</c>
/// (0 closed, 1 open, 2 half-open, 3 isolated: Polly's <see cref="CircuitState"/>), tagged with the dependency.
/// </summary>
internal static class ResilienceTelemetry
{
    public const string MeterName = "DataDistiller.Resilience";

    public const string DependencyTag = "datadistiller.dependency";

    private static readonly Meter s_meter = new(MeterName);

    // Weak keys: a pipeline (and its host) that is gone stops being reported without having to unregister.
    private static readonly ConditionalWeakTable<CircuitBreakerStateProvider, string> s_circuits = [];

    private static readonly ObservableGauge<int> s_state = s_meter.CreateObservableGauge(
        "datadistiller.circuit_breaker.state", Observe, "{state}", "Circuit breaker state per dependency: 0 closed, 1 open, 2 half-open, 3 isolated.");

    /// <summary>A state provider for the breaker of <paramref name="dependency"/>, reported by the gauge from now on.</summary>
    public static CircuitBreakerStateProvider Track(string dependency)
    {
        _ = s_state;
        var provider = new CircuitBreakerStateProvider();
        s_circuits.Add(provider, dependency);
        return provider;
    }

    private static IEnumerable<Measurement<int>> Observe() =>
        [.. s_circuits.Select(c => new Measurement<int>((int)c.Key.CircuitState, new KeyValuePair<string, object?>(DependencyTag, c.Value)))];
}

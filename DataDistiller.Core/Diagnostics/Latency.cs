using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DataDistiller.Core.Diagnostics;

/// <summary>Latency histograms in seconds, the OpenTelemetry unit, with bucket boundaries fitted to what they measure.</summary>
public static class Latency
{
    /// <summary>Milliseconds to seconds: an upload acknowledged, a split, an upsert, a search leg.</summary>
    public static IReadOnlyList<double> FastBuckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Up to minutes: extraction, a model call.</summary>
    public static IReadOnlyList<double> WorkBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    /// <summary>Up to an hour: a document from acceptance to indexed.</summary>
    public static IReadOnlyList<double> LongBuckets { get; } = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    /// <summary>
    /// A histogram in seconds with explicit boundaries: the SDK's defaults (0, 5, 10, 25 … 10 000) would put every
    /// millisecond-scale latency in the first bucket and make its quantiles meaningless.
    /// </summary>
    public static Histogram<double> CreateSeconds(this Meter meter, string name, string description, IReadOnlyList<double> buckets)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
    }

    /// <summary>Records the seconds elapsed since <paramref name="startedAt"/> (a <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public static void RecordSince(this Histogram<double> histogram, TimeProvider timeProvider, long startedAt, in TagList tags = default)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(timeProvider);
        histogram.Record(timeProvider.GetElapsedTime(startedAt).TotalSeconds, tags);
    }
}

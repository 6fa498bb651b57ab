using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// Listens to the search duration histogram of the in-process host, so a run can say where a query's time went
/// (the dense leg includes embedding the question; the BM25 leg is the FTS5 query and reading its rows).
/// </summary>
internal sealed class LegTimings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<TimeSpan>> _samples = new(StringComparer.Ordinal);

    public LegTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RetrievalTelemetry.MeterName && instrument.Name == "datadistiller.search.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == RetrievalTelemetry.LegTag && tag.Value is string leg)
                {
                    _samples.GetOrAdd(leg, _ => []).Add(TimeSpan.FromSeconds(seconds));
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The samples of <paramref name="leg"/> since the last <see cref="Clear"/>.</summary>
    public IReadOnlyCollection<TimeSpan> Of(string leg) => _samples.TryGetValue(leg, out var samples) ? [.. samples] : [];

    public void Clear() => _samples.Clear();

    public void Dispose() => _listener.Dispose();
}

using System.Diagnostics.Metrics;

namespace DataDistiller.Tests.Support;

/// <summary>Reads an observable instrument once, as an exporter's scrape would, with each measurement's tags.</summary>
public static class GaugeReader
{
    public static IReadOnlyList<(long Value, IReadOnlyDictionary<string, object?> Tags)> Read(string meterName, string instrumentName)
    {
        var measurements = new List<(long, IReadOnlyDictionary<string, object?>)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(measurements, value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(measurements, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    private static void Add(List<(long, IReadOnlyDictionary<string, object?>)> measurements, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (measurements)
        {
            measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));
        }
    }
}

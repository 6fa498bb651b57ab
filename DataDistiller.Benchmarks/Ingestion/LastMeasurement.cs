using System.Diagnostics.Metrics;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>Listens to one duration histogram (in seconds) in the same process and keeps its last measurement.</summary>
internal sealed class LastMeasurement : IDisposable
{
    private readonly MeterListener _listener = new();
    private double _lastSeconds;

    public LastMeasurement(string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Volatile.Write(ref _lastSeconds, value));
        _listener.Start();
    }

    public TimeSpan Last => TimeSpan.FromSeconds(Volatile.Read(ref _lastSeconds));

    public void Dispose() => _listener.Dispose();
}

using System.Diagnostics.Metrics;
using DataDistiller.Core.Ingestion;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>Listens to the Api's upload-duration histogram in the same process and keeps the last measurement.</summary>
internal sealed class IntakeTimer : IDisposable
{
    private readonly MeterListener _listener = new();
    private double _lastSeconds;

    public IntakeTimer()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestionTelemetry.SourceName && instrument.Name == "datadistiller.upload.duration")
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

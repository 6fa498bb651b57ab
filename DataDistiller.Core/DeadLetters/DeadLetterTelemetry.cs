using System.Diagnostics.Metrics;

namespace DataDistiller.Core.DeadLetters;

/// <summary>Instruments of the dead-letter path (ServiceDefaults listens to <c>DataDistiller.*</c>).</summary>
public static class DeadLetterTelemetry
{
    public const string MeterName = "DataDistiller.DeadLetters";

    public const string SizeName = "datadistiller.deadletters.size";

    private static readonly Meter s_meter = new(MeterName);

    public static Counter<long> Recorded { get; } = s_meter.CreateCounter<long>(
        "datadistiller.deadletters.recorded", "{message}", "Dead letters recorded, by source topic and error type.");
}

using System.Diagnostics;

namespace DataDistiller.Core.Ingestion;

/// <summary>The activity source of the ingestion pipeline (ServiceDefaults listens to <c>DataDistiller.*</c>).</summary>
public static class IngestionTelemetry
{
    public const string SourceName = "DataDistiller.Ingestion";

    public static ActivitySource ActivitySource { get; } = new(SourceName);
}

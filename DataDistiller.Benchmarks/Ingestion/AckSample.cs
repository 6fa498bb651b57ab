namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// One timed upload acknowledgement with what happened during it: the server's time for the whole request and
/// for its intake alone (blob, job row, message), the GC pause time and the collections of each generation, so a slow ack shows what it waited on.
/// </summary>
internal sealed record AckSample(TimeSpan Elapsed, TimeSpan Request, TimeSpan Intake, TimeSpan GcPause, int Gen0, int Gen1, int Gen2);

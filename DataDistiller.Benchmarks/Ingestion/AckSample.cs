namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// One timed upload acknowledgement with what happened during it: the server's time for the whole request and
/// for its intake alone (blob, job row, message), and what the GC did meanwhile, so a slow ack shows what it waited on.
/// </summary>
internal sealed record AckSample(TimeSpan Elapsed, TimeSpan Request, TimeSpan Intake, GcActivity Gc);

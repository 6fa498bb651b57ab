namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>A query that was served: what feedback refers to and what the per-arm figures count.</summary>
/// <param name="QueryId">The query or answer id returned to the client.</param>
/// <param name="Collection">The collection searched.</param>
/// <param name="Strategy">The id of the strategy that served it.</param>
/// <param name="Experiment">The experiment and arm, or null outside any experiment.</param>
/// <param name="LatencyMs">The retrieval time in milliseconds.</param>
/// <param name="Empty">Whether it found nothing.</param>
/// <param name="ServedAt">When it was served.</param>
public sealed record ServedQuery(
    Guid QueryId,
    string Collection,
    string Strategy,
    ExperimentAssignment? Experiment,
    double LatencyMs,
    bool Empty,
    DateTimeOffset ServedAt);

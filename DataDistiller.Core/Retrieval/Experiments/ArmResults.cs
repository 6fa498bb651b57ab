namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The figures of one arm.</summary>
/// <param name="Arm">The arm's index.</param>
/// <param name="Strategy">The strategy it serves.</param>
/// <param name="Percent">Its share of the traffic.</param>
/// <param name="Queries">Queries it served.</param>
/// <param name="LatencyP50Ms">Median retrieval latency, or null without queries.</param>
/// <param name="LatencyP95Ms">95th percentile latency, or null without queries.</param>
/// <param name="LatencyP99Ms">99th percentile latency, or null without queries.</param>
/// <param name="EmptyRate">The share of queries that found nothing, or null without queries.</param>
/// <param name="Up">Answers rated up.</param>
/// <param name="Down">Answers rated down.</param>
/// <param name="UpRate">Up / (up + down), or null without ratings.</param>
/// <param name="UpRateTest">The up-rate compared with the first arm's; null for the first arm and when untestable.</param>
public sealed record ArmResults(
    int Arm,
    string Strategy,
    int Percent,
    int Queries,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? LatencyP99Ms,
    double? EmptyRate,
    int Up,
    int Down,
    double? UpRate,
    ZTest? UpRateTest);

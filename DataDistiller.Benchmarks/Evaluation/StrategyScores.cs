namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>One strategy's figures over a judged set.</summary>
internal sealed record StrategyScores(
    string Strategy, string? Reranker, double NdcgAt10, double RecallAt20, double RecallAt100, double MrrAt10, TimeSpan P50, TimeSpan P95);

namespace DataDistiller.Benchmarks.Embedders;

/// <summary>One timed corpus embedding with its settings.</summary>
internal sealed record Throughput(int BatchSize, int Workers, int IntraOpThreads, int Passages, long Tokens, TimeSpan Elapsed)
{
    public double PassagesPerSecond => Passages / Elapsed.TotalSeconds;

    public double TokensPerSecond => Tokens / Elapsed.TotalSeconds;
}

namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The outcome of a two-proportion z-test.</summary>
/// <param name="Z">The z statistic; positive when the compared proportion is the higher one.</param>
/// <param name="PValue">The two-sided p-value.</param>
public sealed record ZTest(double Z, double PValue);

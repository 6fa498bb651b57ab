namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The raw figures of one arm as a store keeps them.</summary>
/// <param name="Arm">The arm's index.</param>
/// <param name="LatenciesMs">The latency of every query the arm served.</param>
/// <param name="Empty">How many of those found nothing.</param>
/// <param name="Up">Answers whose latest rating is up.</param>
/// <param name="Down">Answers whose latest rating is down.</param>
public sealed record ArmTally(int Arm, IReadOnlyList<double> LatenciesMs, int Empty, int Up, int Down);

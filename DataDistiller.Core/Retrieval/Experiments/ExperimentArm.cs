namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>One arm of an experiment: the strategy it serves and its share of the traffic.</summary>
/// <param name="Strategy">The strategy id, <c>name@version</c>.</param>
/// <param name="Percent">The share of subjects assigned to the arm, 1 to 99.</param>
public sealed record ExperimentArm(string Strategy, int Percent);

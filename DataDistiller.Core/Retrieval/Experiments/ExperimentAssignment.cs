namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The experiment and arm that chose a query's strategy.</summary>
/// <param name="ExperimentId">The experiment.</param>
/// <param name="Arm">The arm's index in the experiment.</param>
public sealed record ExperimentAssignment(Guid ExperimentId, int Arm);

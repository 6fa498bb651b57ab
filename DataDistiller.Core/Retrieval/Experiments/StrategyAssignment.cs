namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The strategy that serves a query and, when an experiment chose it, which arm.</summary>
/// <param name="Strategy">The strategy to run.</param>
/// <param name="Collection">The collection searched.</param>
/// <param name="Experiment">The experiment and arm, or null when the request named the strategy or no experiment runs.</param>
public sealed record StrategyAssignment(RetrievalStrategy Strategy, string Collection, ExperimentAssignment? Experiment);

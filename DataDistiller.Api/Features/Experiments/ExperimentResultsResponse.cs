using DataDistiller.Core.Retrieval.Experiments;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>An experiment with the figures of each arm; each arm's up-rate test compares it with arm 0.</summary>
public sealed record ExperimentResultsResponse(ExperimentResponse Experiment, IReadOnlyList<ArmResults> Arms);

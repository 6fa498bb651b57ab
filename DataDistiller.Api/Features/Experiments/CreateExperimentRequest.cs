using DataDistiller.Core.Retrieval.Experiments;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>A new experiment: a name, an optional collection (none: every collection without its own), and 2 to 4 arms.</summary>
public sealed record CreateExperimentRequest(string? Name, string? Collection, IReadOnlyList<ExperimentArm>? Arms);

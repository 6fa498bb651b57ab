using DataDistiller.Core.Retrieval.Experiments;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>An experiment as clients see it; <c>state</c> is <c>running</c> or <c>stopped</c>.</summary>
public sealed record ExperimentResponse(
    Guid Id,
    string Name,
    string? Collection,
    IReadOnlyList<ExperimentArm> Arms,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt)
{
    public static ExperimentResponse From(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new(
            experiment.Id,
            experiment.Name,
            experiment.Collection,
            experiment.Arms,
            experiment.State.ToString().ToLowerInvariant(),
            experiment.CreatedAt,
            experiment.StoppedAt);
    }
}

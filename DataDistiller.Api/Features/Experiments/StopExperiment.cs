using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>POST /api/v2/admin/experiments/{id}/stop: ends the split (queries get the default strategy again); idempotent.</summary>
public static class StopExperiment
{
    public static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IExperimentStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return await store.StopAsync(id, timeProvider.GetUtcNow(), cancellationToken) is { } stopped
            ? TypedResults.Ok(ExperimentResponse.From(stopped))
            : Problems.NotFound($"No experiment has id {id}.");
    }
}

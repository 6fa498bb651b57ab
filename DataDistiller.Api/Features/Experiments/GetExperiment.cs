using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>GET /api/v2/admin/experiments/{id}: the experiment and its per-arm results.</summary>
public static class GetExperiment
{
    public const string RouteName = "GetExperiment";

    public static async Task<Results<Ok<ExperimentResultsResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IExperimentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetAsync(id, cancellationToken) is not { } experiment)
        {
            return Problems.NotFound($"No experiment has id {id}.");
        }

        var results = ExperimentResults.From(experiment, await store.GetTalliesAsync(id, cancellationToken));
        return TypedResults.Ok(new ExperimentResultsResponse(ExperimentResponse.From(experiment), results.Arms));
    }
}

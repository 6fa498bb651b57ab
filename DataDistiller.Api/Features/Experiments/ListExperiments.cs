using DataDistiller.Core.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>GET /api/v2/admin/experiments: every experiment, newest first.</summary>
public static class ListExperiments
{
    public static async Task<Ok<List<ExperimentResponse>>> HandleAsync(IExperimentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var experiments = await store.ListAsync(cancellationToken);
        return TypedResults.Ok(experiments.Select(ExperimentResponse.From).ToList());
    }
}

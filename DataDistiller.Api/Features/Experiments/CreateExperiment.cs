using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>POST /api/v2/admin/experiments: starts an experiment; only one may run per collection, and one globally.</summary>
public static class CreateExperiment
{
    public static async Task<Results<CreatedAtRoute<ExperimentResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateExperimentRequest request, IExperimentStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = ExperimentRules.Validate(request.Name, request.Collection, request.Arms);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The experiment is invalid");
        }

        var now = timeProvider.GetUtcNow();
        var experiment = Experiment.Start(Guid.CreateVersion7(now), request.Name!, request.Collection, request.Arms!, now);
        if (!await store.TryCreateAsync(experiment, cancellationToken))
        {
            var scope = request.Collection is null ? "globally" : $"on collection '{request.Collection}'";
            return Problems.Conflict($"An experiment is already running {scope}; stop it first.");
        }

        return TypedResults.CreatedAtRoute(ExperimentResponse.From(experiment), GetExperiment.RouteName, new { id = experiment.Id });
    }
}

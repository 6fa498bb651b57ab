using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>GET /api/v2/admin/dlq/{id}: one dead letter with its reason, attempts and payload.</summary>
public static class GetDeadLetter
{
    public const string RouteName = "GetDeadLetter";

    public static async Task<Results<Ok<DeadLetterResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IDeadLetterStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetAsync(id, cancellationToken) is { } letter
            ? TypedResults.Ok(DeadLetterResponse.From(letter))
            : NoSuchLetter(id);
    }

    public static ProblemHttpResult NoSuchLetter(Guid id) => Problems.NotFound($"No dead letter has id {id}.");
}

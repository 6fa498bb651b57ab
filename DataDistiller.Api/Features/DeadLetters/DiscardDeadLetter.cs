using DataDistiller.Core.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>DELETE /api/v2/admin/dlq/{id}: forgets a dead letter; its document stays failed with its reason.</summary>
public static class DiscardDeadLetter
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, IDeadLetterStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.RemoveAsync(id, cancellationToken) ? TypedResults.NoContent() : GetDeadLetter.NoSuchLetter(id);
    }
}

using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>POST /api/v2/admin/dlq/{id}/replay: sends the message back with a fresh attempt count and reopens its document.</summary>
public static class ReplayDeadLetter
{
    public static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IDeadLetterStore store, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(replayer);
        if (await store.GetAsync(id, cancellationToken) is not { } letter)
        {
            return GetDeadLetter.NoSuchLetter(id);
        }

        await replayer.ReplayAsync(letter, cancellationToken);
        return TypedResults.Accepted(letter.DocumentId is { } documentId ? $"/api/v2/documents/{documentId}" : null, new ReplayResponse(1));
    }
}

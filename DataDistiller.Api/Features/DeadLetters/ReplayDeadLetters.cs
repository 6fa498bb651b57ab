using DataDistiller.Core.DeadLetters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>POST /api/v2/admin/dlq/replay: replays every dead letter, or those of one source topic or document.</summary>
public static class ReplayDeadLetters
{
    public static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> HandleAsync(
        DeadLetterReplayer replayer, string? topic, Guid? documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replayer);
        if (ListDeadLetters.TopicProblem(topic) is { } problem)
        {
            return problem;
        }

        var replayed = await replayer.ReplayAllAsync(topic, documentId, cancellationToken);
        return TypedResults.Accepted((string?)null, new ReplayResponse(replayed));
    }
}

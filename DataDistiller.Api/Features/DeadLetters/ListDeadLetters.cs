using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>GET /api/v2/admin/dlq: newest first, paged, filtered by source topic and document.</summary>
public static class ListDeadLetters
{
    public const int MaxPageSize = 200;

    public static async Task<Results<Ok<DeadLetterList>, ProblemHttpResult>> HandleAsync(
        IDeadLetterStore store,
        string? topic,
        Guid? documentId,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pageNumber = page ?? 1;
        var size = pageSize ?? 50;
        if (pageNumber < 1 || size < 1 || size > MaxPageSize)
        {
            return Problems.BadRequest($"page must be 1 or more and pageSize between 1 and {MaxPageSize}.");
        }

        if (TopicProblem(topic) is { } problem)
        {
            return problem;
        }

        var found = await store.ListAsync(new DeadLetterQuery(topic, documentId, pageNumber, size), cancellationToken);
        return TypedResults.Ok(new DeadLetterList([.. found.Items.Select(DeadLetterResponse.From)], pageNumber, size, found.Total));
    }

    /// <summary>A problem when <paramref name="topic"/> is set and is not a topic with dead letters.</summary>
    public static ProblemHttpResult? TopicProblem(string? topic) =>
        topic is null || Topics.WithDeadLetters.Contains(topic, StringComparer.Ordinal)
            ? null
            : Problems.BadRequest($"topic '{topic}' has no dead letters; use {string.Join(" or ", Topics.WithDeadLetters)}.");
}

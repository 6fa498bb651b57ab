using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Experiments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataDistiller.Endpoints.Search;

/// <summary>
/// POST /api/v2/search: retrieval by a named strategy (dense ∥ BM25, fused, re-ranked), without an answer. Without a
/// named strategy, a running experiment picks one for the subject of <c>X-User-Id</c> (else <c>X-Session-Id</c>).
/// </summary>
public static class SearchDocuments
{
    public const string UserIdHeader = "X-User-Id";
    public const string SessionIdHeader = "X-Session-Id";

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> HandleAsync(
        SearchRequest request,
        [FromHeader(Name = UserIdHeader)] string? userId,
        [FromHeader(Name = SessionIdHeader)] string? sessionId,
        HybridSearcher searcher,
        ExperimentRouter router,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(searcher);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var collection = request.Collection ?? CollectionName.Default;
        var subject = ExperimentRouter.SubjectKey(userId, sessionId);
        var assignment = await router.AssignAsync(collection, request.Strategy, subject, cancellationToken);
        if (RetrievalInput.Problem(request.Question, collection, request.Strategy, assignment?.Strategy) is { } problem)
        {
            return problem;
        }

        try
        {
            var started = timeProvider.GetTimestamp();
            var result = await searcher.SearchAsync(request.Question, collection, assignment!.Strategy, request.K, cancellationToken);
            var queryId = router.NewQueryId();
            await router.RecordQueryAsync(queryId, assignment, timeProvider.GetElapsedTime(started), result.Hits.Count == 0, cancellationToken);
            return TypedResults.Ok(new SearchResponse(
                queryId, collection, result.Strategy, result.Reranker, assignment.Experiment, [.. result.Hits.Select(SearchHitResponse.From)], result.Degraded));
        }
        catch (EmbeddingModelMismatchException ex)
        {
            return Problems.Conflict(ex.Reason);
        }
    }
}

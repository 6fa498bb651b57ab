using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints.Security;
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
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(searcher);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var collection = request.Collection ?? CollectionName.Default;
        if (!CollectionName.IsValid(collection))
        {
            return Problems.InvalidCollection(collection);
        }

        // The index, the experiments and the embedding-model record know the collection by its tenant-qualified key.
        var key = CallerTenant.Collection(user, collection).Key;
        var subject = ExperimentRouter.SubjectKey(userId, sessionId);
        var assignment = await router.AssignAsync(key, request.Strategy, subject, cancellationToken);
        if (RetrievalInput.Problem(request.Question, collection, request.Strategy, assignment?.Strategy) is { } problem)
        {
            return problem;
        }

        try
        {
            var started = timeProvider.GetTimestamp();
            var result = await searcher.SearchAsync(request.Question, key, assignment!.Strategy, request.K, cancellationToken);
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

using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Search;

/// <summary>POST /api/v2/search: retrieval by a named strategy (dense ∥ BM25, fused, re-ranked), without an answer.</summary>
public static class SearchDocuments
{
    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> HandleAsync(
        SearchRequest request, HybridSearcher searcher, StrategyCatalog strategies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(searcher);
        ArgumentNullException.ThrowIfNull(strategies);
        var collection = request.Collection ?? CollectionName.Default;
        var strategy = strategies.Find(request.Strategy);
        if (RetrievalInput.Problem(request.Question, collection, request.Strategy, strategy) is { } problem)
        {
            return problem;
        }

        try
        {
            var result = await searcher.SearchAsync(request.Question, collection, strategy!, request.K, cancellationToken);
            return TypedResults.Ok(new SearchResponse(collection, result.Strategy, result.Reranker, [.. result.Hits.Select(SearchHitResponse.From)]));
        }
        catch (EmbeddingModelMismatchException ex)
        {
            return Problems.Conflict(ex.Reason);
        }
    }
}

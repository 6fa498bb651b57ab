using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Search;

/// <summary>POST /api/v2/search: hybrid retrieval (dense ∥ BM25, fused), without an answer.</summary>
public static class SearchDocuments
{
    public const int DefaultK = 10;

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> HandleAsync(
        SearchRequest request, HybridSearcher searcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(searcher);
        var collection = request.Collection ?? CollectionName.Default;
        if (!CollectionName.IsValid(collection))
        {
            return Problems.BadRequest($"Collection '{collection}' is not a valid name: use 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(request.Question))
        {
            return Problems.BadRequest("The question is empty.");
        }

        try
        {
            var hits = await searcher.SearchAsync(request.Question, collection, request.K ?? DefaultK, cancellationToken);
            return TypedResults.Ok(new SearchResponse(collection, [.. hits.Select(SearchHitResponse.From)]));
        }
        catch (EmbeddingModelMismatchException ex)
        {
            return Problems.Conflict(ex.Reason);
        }
    }
}

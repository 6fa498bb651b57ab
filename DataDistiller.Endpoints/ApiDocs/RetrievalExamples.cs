using DataDistiller.Core.Answers;
using DataDistiller.Core.Retrieval;
using DataDistiller.Endpoints.Query;
using DataDistiller.Endpoints.Search;

namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>Examples of the search and query bodies, for every host that serves those routes.</summary>
public static class RetrievalExamples
{
    private static readonly Guid s_documentId = Guid.Parse("0b8f5f0e-6a2d-4c8e-9a51-3d7f2f0c1a11");

    public static ApiExamples AddRetrievalExamples(this ApiExamples examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        const string Snippet = "Attention weights are computed by a softmax over the scaled dot products of queries and keys.";
        return examples
            .Add(new SearchRequest("How are attention weights computed?", "papers", 5, "hybrid-rerank@1"))
            .Add(new QueryRequest("How are attention weights computed?", "papers", Stream: false))
            .Add(new SearchResponse(
                Guid.Parse("7c4a1d2e-0f3b-4e5a-8c6d-9e0f1a2b3c4d"), "papers", "hybrid-rerank@1", "sentence-similarity", null,
                [new SearchHitResponse($"{s_documentId:N}:3", s_documentId, "attention.pdf", 4, 4, Snippet, 0.91, new LegHit(2, 0.83), new LegHit(1, 12.4), 0.91)]))
            .Add(new QueryResponse(
                Guid.Parse("5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f"),
                "Attention weights come from a softmax over the scaled dot products of queries and keys [1].",
                "hybrid-rerank@1", "sentence-similarity", "extractive",
                [new Citation(1, s_documentId, "attention.pdf", 4, Snippet, $"{s_documentId:N}:3")]));
    }
}

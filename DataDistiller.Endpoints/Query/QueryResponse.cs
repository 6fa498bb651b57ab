using DataDistiller.Core.Answers;

namespace DataDistiller.Endpoints.Query;

/// <summary>An answer with its citations, the retrieval strategy and re-ranker that found the sources, and the provider that wrote it.</summary>
public sealed record QueryResponse(
    Guid AnswerId, string Answer, string Strategy, string? Reranker, string Provider, IReadOnlyList<Citation> Citations)
{
    public static QueryResponse From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer.AnswerId, answer.Text, answer.Strategy, answer.Reranker, answer.Provider, answer.Citations);
    }
}

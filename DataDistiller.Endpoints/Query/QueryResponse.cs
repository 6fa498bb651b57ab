using System.Text.Json.Serialization;
using DataDistiller.Core.Answers;

namespace DataDistiller.Endpoints.Query;

/// <summary>
/// An answer with its citations, the retrieval strategy and re-ranker that found the sources, the provider that wrote it,
/// and <c>degraded</c> only when retrieval left something out because a dependency failed.
/// </summary>
public sealed record QueryResponse(
    Guid AnswerId, string Answer, string Strategy, string? Reranker, string Provider, IReadOnlyList<Citation> Citations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Degraded = null)
{
    public static QueryResponse From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer.AnswerId, answer.Text, answer.Strategy, answer.Reranker, answer.Provider, answer.Citations, answer.Degraded);
    }
}

namespace DataDistiller.Core.Retrieval;

/// <summary>The question and the fused candidates (at most the legs' k together) to re-score.</summary>
/// <param name="Question">The user's question.</param>
/// <param name="Collection">The collection the candidates come from.</param>
/// <param name="Candidates">The fused, de-duplicated candidates, best first.</param>
public sealed record RerankRequest(string Question, string Collection, IReadOnlyList<SearchHit> Candidates);

using System.Text.Json.Serialization;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>A Cohere-compatible <c>/rerank</c> answer.</summary>
internal sealed record CohereRerankResponse([property: JsonPropertyName("results")] IReadOnlyList<CohereRerankResult>? Results);

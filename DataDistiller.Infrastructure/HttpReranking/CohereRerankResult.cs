using System.Text.Json.Serialization;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>One entry of a Cohere-compatible <c>/rerank</c> answer.</summary>
internal sealed record CohereRerankResult(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("relevance_score")] double RelevanceScore);

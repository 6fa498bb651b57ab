using System.Text.Json.Serialization;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>One entry of text-embeddings-inference's <c>/rerank</c> answer.</summary>
internal sealed record TeiRerankResult(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("score")] double Score);

using System.Text.Json.Serialization;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>The body of text-embeddings-inference's <c>POST /rerank</c>.</summary>
internal sealed record TeiRerankRequest(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("texts")] IReadOnlyList<string> Texts,
    [property: JsonPropertyName("raw_scores")] bool RawScores,
    [property: JsonPropertyName("truncate")] bool Truncate);

using System.Text.Json.Serialization;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>The body of a Cohere-compatible <c>POST /rerank</c>.</summary>
internal sealed record CohereRerankRequest(
    [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("documents")] IReadOnlyList<string> Documents,
    [property: JsonPropertyName("top_n")] int TopN);

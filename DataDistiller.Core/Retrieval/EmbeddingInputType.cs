using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// Tells an embedding generator whether it embeds a search query or a passage: asymmetric models (arctic-embed)
/// prefix queries with an instruction. Carried in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>
/// under the key Cohere-style APIs use.
/// </summary>
public static class EmbeddingInputType
{
    public const string PropertyName = "input_type";
    public const string Query = "search_query";
    public const string Document = "search_document";

    /// <summary>Options for embedding search queries.</summary>
    public static EmbeddingGenerationOptions ForQuery() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = Query } };

    /// <summary>True when <paramref name="options"/> ask for query embeddings.</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true && Query.Equals(value as string, StringComparison.Ordinal);
}

using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// Marks an embedding call that a person is waiting for (a search) even when it embeds passages, such as the
/// re-scorer's sentences: a local model runs it before queued ingestion work. Queries are always urgent. Carried in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; generators that do not schedule ignore it.
/// </summary>
public static class EmbeddingPriority
{
    public const string PropertyName = "datadistiller.urgent";

    /// <summary>Options for passages embedded on a search's path.</summary>
    public static EmbeddingGenerationOptions ForUrgentPassages() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = true } };

    /// <summary>True for query embeddings and for passages marked by <see cref="ForUrgentPassages"/>.</summary>
    public static bool IsUrgent(EmbeddingGenerationOptions? options) =>
        EmbeddingInputType.IsQuery(options)
        || (options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true && value is true);
}

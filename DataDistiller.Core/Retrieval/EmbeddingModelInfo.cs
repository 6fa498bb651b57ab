namespace DataDistiller.Core.Retrieval;

/// <summary>The model a collection's vectors come from; vectors of different models never mix.</summary>
/// <param name="ModelId">The model's id, e.g. <c>snowflake-arctic-embed-xs</c>.</param>
/// <param name="Dimensions">The vector length.</param>
public sealed record EmbeddingModelInfo(string ModelId, int Dimensions);

namespace DataDistiller.Core.Retrieval.Lexical;

/// <summary>A sparse vector: term ids (ascending, distinct) and their weights.</summary>
/// <param name="Indices">The term ids.</param>
/// <param name="Values">The weight of each term id.</param>
public sealed record SparseTermVector(uint[] Indices, float[] Values);

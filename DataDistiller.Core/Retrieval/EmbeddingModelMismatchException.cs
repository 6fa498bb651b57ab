namespace DataDistiller.Core.Retrieval;

/// <summary>A collection was built with another embedding model than the one in use.</summary>
public sealed class EmbeddingModelMismatchException : Exception
{
    public EmbeddingModelMismatchException()
    {
    }

    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    public EmbeddingModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Describes the mismatch in terms an operator can act on.</summary>
    public static EmbeddingModelMismatchException For(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested) =>
        new($"Collection '{collection}' was built with {stored.ModelId} ({stored.Dimensions}-d) but the service embeds with " +
            $"{requested.ModelId} ({requested.Dimensions}-d). Use the original model or re-ingest into a new collection.");
}

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

    private EmbeddingModelMismatchException(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested)
        : base(Explain(collection, stored, requested))
    {
        Collection = collection;
        Stored = stored;
        Requested = requested;
    }

    /// <summary>The collection.</summary>
    public string? Collection { get; }

    /// <summary>The model the collection was built with.</summary>
    public EmbeddingModelInfo? Stored { get; }

    /// <summary>The model the service embeds with.</summary>
    public EmbeddingModelInfo? Requested { get; }

    /// <summary>What an operator reads: both models and the two ways out.</summary>
    public string Reason => Collection is not null && Stored is not null && Requested is not null
        ? Explain(Collection, Stored, Requested)
        : "The collection was built with another embedding model. Use the original model or re-ingest into a new collection.";

    public static EmbeddingModelMismatchException For(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested) =>
        new(collection, stored, requested);

    private static string Explain(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested) =>
        $"Collection '{collection}' was built with {stored.ModelId} ({stored.Dimensions}-d) but the service embeds with " +
        $"{requested.ModelId} ({requested.Dimensions}-d). Use the original model or re-ingest into a new collection.";
}

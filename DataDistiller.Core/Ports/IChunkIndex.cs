using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Ports;

/// <summary>The chunk index: a dense vector per chunk and a BM25 lexical index over its text.</summary>
public interface IChunkIndex
{
    /// <summary>Records the model a collection is built with; throws <see cref="EmbeddingModelMismatchException"/> for another one.</summary>
    Task EnsureCollectionAsync(string collection, EmbeddingModelInfo model, CancellationToken cancellationToken);

    /// <summary>The model a collection was built with, or null when the collection holds no vectors yet.</summary>
    Task<EmbeddingModelInfo?> GetCollectionModelAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces chunks by chunk id, so a redelivered chunk is never stored twice.</summary>
    Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Exact nearest neighbours by cosine similarity, best first.</summary>
    Task<IReadOnlyList<ChunkMatch>> SearchDenseAsync(string collection, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken);

    /// <summary>BM25 over the chunk text, best first (higher score is better).</summary>
    Task<IReadOnlyList<ChunkMatch>> SearchKeywordAsync(string collection, string query, int k, CancellationToken cancellationToken);

    /// <summary>The chunks stored for a document, by ordinal.</summary>
    Task<IReadOnlyList<ChunkInfo>> GetDocumentChunksAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Removes every chunk of the document from both legs (dense and lexical); an unknown document is not an error.</summary>
    Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken);
}

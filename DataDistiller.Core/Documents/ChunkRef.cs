namespace DataDistiller.Core.Documents;

/// <summary>A chunk of a document by ordinal.</summary>
public readonly record struct ChunkRef(Guid DocumentId, int Ordinal)
{
    /// <summary>The chunk id: <c>{documentId}:{ordinal}</c>, stable across redeliveries.</summary>
    public string ChunkId => $"{DocumentId:N}:{Ordinal}";
}

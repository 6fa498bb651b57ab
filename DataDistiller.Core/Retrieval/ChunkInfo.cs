namespace DataDistiller.Core.Retrieval;

/// <summary>A stored chunk without its vector: where it comes from and its text.</summary>
/// <param name="ChunkId">The chunk id, <c>{documentId:N}:{ordinal}</c>.</param>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="Collection">The collection of the document.</param>
/// <param name="FileName">The document's file name.</param>
/// <param name="Ordinal">The chunk's position in the document, from 0.</param>
/// <param name="PageStart">The first page the chunk covers, from 1.</param>
/// <param name="PageEnd">The last page the chunk covers.</param>
/// <param name="Text">The chunk's text.</param>
public sealed record ChunkInfo(
    string ChunkId,
    Guid DocumentId,
    string Collection,
    string FileName,
    int Ordinal,
    int PageStart,
    int PageEnd,
    string Text);

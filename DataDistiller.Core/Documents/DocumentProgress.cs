namespace DataDistiller.Core.Documents;

/// <summary>A document's state and chunk counts after a change.</summary>
public sealed record DocumentProgress(Guid DocumentId, DocumentStatus Status, int ChunksDone, int? ChunksTotal);

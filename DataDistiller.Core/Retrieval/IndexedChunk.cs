namespace DataDistiller.Core.Retrieval;

/// <summary>A chunk with its embedding, ready to upsert.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Vector">Its L2-normalised embedding.</param>
public sealed record IndexedChunk(ChunkInfo Chunk, ReadOnlyMemory<float> Vector);

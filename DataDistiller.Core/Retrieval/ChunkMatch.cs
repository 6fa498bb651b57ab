namespace DataDistiller.Core.Retrieval;

/// <summary>A chunk found by one retrieval leg, with that leg's score (higher is better).</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Score">Cosine similarity for the dense leg, BM25 for the keyword leg.</param>
public sealed record ChunkMatch(ChunkInfo Chunk, double Score);

namespace DataDistiller.Core.Retrieval;

/// <summary>A chunk after fusion (and re-ranking), with each leg's rank and score for explanation.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Score">The fused score (reciprocal rank or normalised-score fusion).</param>
/// <param name="Dense">The dense leg's rank and score, or null when it did not find the chunk.</param>
/// <param name="Bm25">The BM25 leg's rank and score, or null when it did not find the chunk.</param>
/// <param name="Rerank">The re-ranker's score, or null when the hit was not re-ranked.</param>
public sealed record SearchHit(ChunkInfo Chunk, double Score, LegHit? Dense, LegHit? Bm25, double? Rerank = null);

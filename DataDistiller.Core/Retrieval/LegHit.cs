namespace DataDistiller.Core.Retrieval;

/// <summary>Where one retrieval leg ranked a chunk (from 1) and the score it gave.</summary>
/// <param name="Rank">Rank in the leg's list, from 1.</param>
/// <param name="Score">The leg's own score: cosine for dense, BM25 for keyword.</param>
public sealed record LegHit(int Rank, double Score);

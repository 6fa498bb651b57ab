namespace DataDistiller.Core.Retrieval;

/// <summary>Merges the legs' lists by chunk id with reciprocal rank fusion: score = Σ 1 / (k + rank).</summary>
public static class ReciprocalRankFusion
{
    /// <summary>The merged, de-duplicated hits, best first; ties keep the dense leg's order.</summary>
    public static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<ChunkMatch> dense, IReadOnlyList<ChunkMatch> bm25, int k)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(bm25);
        var hits = new Dictionary<string, SearchHit>(StringComparer.Ordinal);
        for (var i = 0; i < dense.Count; i++)
        {
            var leg = new LegHit(i + 1, dense[i].Score);
            hits[dense[i].Chunk.ChunkId] = new SearchHit(dense[i].Chunk, 1.0 / (k + leg.Rank), leg, null);
        }

        for (var i = 0; i < bm25.Count; i++)
        {
            var leg = new LegHit(i + 1, bm25[i].Score);
            var contribution = 1.0 / (k + leg.Rank);
            hits[bm25[i].Chunk.ChunkId] = hits.TryGetValue(bm25[i].Chunk.ChunkId, out var seen)
                ? seen with { Score = seen.Score + contribution, Bm25 = leg }
                : new SearchHit(bm25[i].Chunk, contribution, null, leg);
        }

        return [.. hits.Values.OrderByDescending(h => h.Score).ThenBy(h => h.Dense?.Rank ?? int.MaxValue)];
    }
}

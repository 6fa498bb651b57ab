namespace DataDistiller.Core.Retrieval;

/// <summary>
/// Merges the legs by chunk id after min-max normalising each leg's scores to [0, 1]: score = w·dense + (1 − w)·bm25,
/// a leg that missed the chunk contributing 0. Unlike rank fusion it keeps how far ahead a leg's best hit is.
/// </summary>
public static class ScoreNormalizedFusion
{
    /// <summary>The merged, de-duplicated hits, best first.</summary>
    public static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<ChunkMatch> dense, IReadOnlyList<ChunkMatch> bm25, double denseWeight)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(bm25);
        ArgumentOutOfRangeException.ThrowIfLessThan(denseWeight, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(denseWeight, 1);
        var hits = new Dictionary<string, SearchHit>(StringComparer.Ordinal);
        var denseScores = Normalize(dense);
        for (var i = 0; i < dense.Count; i++)
        {
            hits[dense[i].Chunk.ChunkId] = new SearchHit(dense[i].Chunk, denseWeight * denseScores[i], new LegHit(i + 1, dense[i].Score), null);
        }

        var bm25Scores = Normalize(bm25);
        for (var i = 0; i < bm25.Count; i++)
        {
            var contribution = (1 - denseWeight) * bm25Scores[i];
            var leg = new LegHit(i + 1, bm25[i].Score);
            hits[bm25[i].Chunk.ChunkId] = hits.TryGetValue(bm25[i].Chunk.ChunkId, out var seen)
                ? seen with { Score = seen.Score + contribution, Bm25 = leg }
                : new SearchHit(bm25[i].Chunk, contribution, null, leg);
        }

        return [.. hits.Values.OrderByDescending(h => h.Score).ThenBy(h => h.Dense?.Rank ?? int.MaxValue)];
    }

    // A leg whose scores are all equal gives every hit 1: it found them, and cannot tell them apart.
    private static double[] Normalize(IReadOnlyList<ChunkMatch> matches)
    {
        if (matches.Count == 0)
        {
            return [];
        }

        var max = matches.Max(m => m.Score);
        var min = matches.Min(m => m.Score);
        var range = max - min;
        return [.. matches.Select(m => range > 0 ? (m.Score - min) / range : 1.0)];
    }
}

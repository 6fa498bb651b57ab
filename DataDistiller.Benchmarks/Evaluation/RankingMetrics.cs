namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// The ranking metrics BEIR reports, computed as pytrec_eval does: nDCG with linear gain (rel / log2(rank + 1)),
/// recall over the judged-relevant documents, reciprocal rank of the first relevant one.
/// </summary>
internal static class RankingMetrics
{
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judged);
        var dcg = ranked.Take(k).Select((id, i) => Gain(judged, id) / Math.Log2(i + 2)).Sum();
        var ideal = judged.Values.Where(r => r > 0).OrderDescending().Take(k).Select((r, i) => r / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judged);
        var relevant = judged.Count(j => j.Value > 0);
        return relevant > 0 ? ranked.Take(k).Count(id => Gain(judged, id) > 0) / (double)relevant : 0;
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judged);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (Gain(judged, ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static int Gain(IReadOnlyDictionary<string, int> judged, string id) => judged.TryGetValue(id, out var relevance) ? Math.Max(relevance, 0) : 0;
}

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// A named, versioned retrieval configuration. A version never changes meaning once served: a different
/// configuration is a new version, so results and A/B figures always name what produced them.
/// </summary>
/// <param name="Name">The strategy's name, e.g. <c>hybrid-rrf</c>.</param>
/// <param name="Version">Its version, from 1.</param>
/// <param name="UseDense">Whether the dense leg runs.</param>
/// <param name="UseBm25">Whether the BM25 leg runs.</param>
/// <param name="DenseTopK">Candidates from the dense leg.</param>
/// <param name="Bm25TopK">Candidates from the BM25 leg.</param>
/// <param name="Fusion">How the legs are merged.</param>
/// <param name="DenseWeight">The dense share in score-normalised fusion.</param>
/// <param name="Rerank">Whether the merged candidates are re-ranked.</param>
/// <param name="FinalK">Hits returned when the request names no k.</param>
public sealed record RetrievalStrategy(
    string Name,
    int Version,
    bool UseDense,
    bool UseBm25,
    int DenseTopK,
    int Bm25TopK,
    FusionMode Fusion,
    double DenseWeight,
    bool Rerank,
    int FinalK)
{
    /// <summary>The strategy's id, <c>{name}@{version}</c>.</summary>
    public string Id => $"{Name}@{Version}";
}

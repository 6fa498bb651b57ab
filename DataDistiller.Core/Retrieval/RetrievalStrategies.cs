namespace DataDistiller.Core.Retrieval;

/// <summary>The built-in strategies, by id.</summary>
public static class RetrievalStrategies
{
    public const string DefaultId = "hybrid-rerank@1";

    private static readonly RetrievalStrategy[] s_builtIn =
    [
        new("bm25", 1, UseDense: false, UseBm25: true, 20, 20, FusionMode.Rrf, 0.5, Rerank: false, 5),
        new("dense", 1, UseDense: true, UseBm25: false, 20, 20, FusionMode.Rrf, 0.5, Rerank: false, 5),
        new("hybrid-rrf", 1, UseDense: true, UseBm25: true, 20, 20, FusionMode.Rrf, 0.5, Rerank: false, 5),
        new("hybrid-normalized", 1, UseDense: true, UseBm25: true, 20, 20, FusionMode.ScoreNormalized, 0.5, Rerank: false, 5),
        new("hybrid-rerank", 1, UseDense: true, UseBm25: true, 20, 20, FusionMode.ScoreNormalized, 0.5, Rerank: true, 5),
    ];

    private static readonly Dictionary<string, RetrievalStrategy> s_byId = s_builtIn.ToDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>Every built-in strategy.</summary>
    public static IReadOnlyList<RetrievalStrategy> All => s_builtIn;

    /// <summary>The strategy with <paramref name="id"/>; a bare name means its latest version.</summary>
    public static RetrievalStrategy? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return s_byId.TryGetValue(id, out var exact)
            ? exact
            : s_builtIn.Where(s => s.Name == id).MaxBy(s => s.Version);
    }
}

using DataDistiller.Core.Retrieval;

namespace DataDistiller.Api.Features.Strategies;

/// <summary>A retrieval strategy as the admin API shows it.</summary>
/// <param name="Id">What requests and experiment arms name: <c>{name}@{version}</c>.</param>
/// <param name="Name">The strategy's name.</param>
/// <param name="Version">Its version; a version never changes meaning once served.</param>
/// <param name="Dense">Whether the dense leg runs.</param>
/// <param name="Bm25">Whether the BM25 leg runs.</param>
/// <param name="DenseTopK">Candidates from the dense leg.</param>
/// <param name="Bm25TopK">Candidates from the BM25 leg.</param>
/// <param name="Fusion">How the legs are merged: <c>rrf</c> or <c>normalized</c>.</param>
/// <param name="DenseWeight">The dense share in normalised fusion.</param>
/// <param name="Rerank">Whether the merged candidates are re-ranked.</param>
/// <param name="FinalK">Hits returned when a request names no k.</param>
/// <param name="IsDefault">Whether requests that name no strategy get this one (<c>DataDistiller:Retrieval:DefaultStrategy</c>).</param>
public sealed record StrategyResponse(
    string Id, string Name, int Version, bool Dense, bool Bm25, int DenseTopK, int Bm25TopK, FusionMode Fusion, double DenseWeight,
    bool Rerank, int FinalK, bool IsDefault)
{
    public static StrategyResponse From(RetrievalStrategy strategy, bool isDefault)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(
            strategy.Id, strategy.Name, strategy.Version, strategy.UseDense, strategy.UseBm25, strategy.DenseTopK, strategy.Bm25TopK,
            strategy.Fusion, strategy.DenseWeight, strategy.Rerank, strategy.FinalK, isDefault);
    }
}

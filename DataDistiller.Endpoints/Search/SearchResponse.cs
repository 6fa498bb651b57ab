using System.Text.Json.Serialization;
using DataDistiller.Core.Retrieval.Experiments;

namespace DataDistiller.Endpoints.Search;

/// <summary>
/// The hits of a search, best first, with the strategy and re-ranker that produced them; <c>queryId</c> is what
/// feedback's <c>answerId</c> refers to, <c>experiment</c> the A/B arm that chose the strategy, if any, and
/// <c>degraded</c> what was left out because a dependency failed (absent when nothing was).
/// </summary>
public sealed record SearchResponse(
    Guid QueryId,
    string Collection,
    string Strategy,
    string? Reranker,
    ExperimentAssignment? Experiment,
    IReadOnlyList<SearchHitResponse> Hits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Degraded = null);

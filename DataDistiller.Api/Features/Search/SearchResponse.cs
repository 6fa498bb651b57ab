namespace DataDistiller.Api.Features.Search;

/// <summary>The hits of a search, best first, with the strategy and re-ranker that produced them.</summary>
public sealed record SearchResponse(string Collection, string Strategy, string? Reranker, IReadOnlyList<SearchHitResponse> Hits);

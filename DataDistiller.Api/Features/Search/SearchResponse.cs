namespace DataDistiller.Api.Features.Search;

/// <summary>The hits of a search, best first.</summary>
public sealed record SearchResponse(string Collection, IReadOnlyList<SearchHitResponse> Hits);

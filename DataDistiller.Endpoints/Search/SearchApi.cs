namespace DataDistiller.Endpoints.Search;

/// <summary>The search route.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/search").WithTags("Search").WithJsonBodyLimit();
        group.MapPost("/", SearchDocuments.HandleAsync).WithName("Search")
            .WithSummary("Hybrid retrieval only: ranked chunks with each leg's rank and score")
            .WithDescription("Without a strategy in the body, a running experiment assigns an arm to the caller named by X-User-Id, else X-Session-Id (sticky); without either, the default strategy serves. The response's queryId is what POST /api/v2/feedback rates.");
        return group;
    }
}

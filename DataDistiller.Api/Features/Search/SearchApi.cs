namespace DataDistiller.Api.Features.Search;

/// <summary>The search route.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/search").WithTags("Search");
        group.MapPost("/", SearchDocuments.HandleAsync).WithName("Search");
        return group;
    }
}

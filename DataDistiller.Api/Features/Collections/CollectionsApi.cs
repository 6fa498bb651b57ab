namespace DataDistiller.Api.Features.Collections;

/// <summary>The collections routes: list the caller's collections, delete a whole collection.</summary>
public static class CollectionsApi
{
    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/collections").WithTags("Collections");
        group.MapGet("/", ListCollections.HandleAsync).WithName("ListCollections")
            .WithSummary("Lists the caller's collections with their document counts per status");
        group.MapDelete("/{name}", DeleteCollectionDocuments.HandleAsync).WithName("DeleteCollection")
            .WithSummary("Deletes a collection and every document in it");
        return group;
    }
}

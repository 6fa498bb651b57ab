namespace DataDistiller.Endpoints.Query;

/// <summary>The question-answering route.</summary>
public static class QueryApi
{
    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/query").WithTags("Query");
        group.MapPost("/", AskQuestion.HandleAsync).WithName("Query");
        return group;
    }
}

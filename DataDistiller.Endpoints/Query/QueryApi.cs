namespace DataDistiller.Endpoints.Query;

/// <summary>The question-answering route.</summary>
public static class QueryApi
{
    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/query").WithTags("Query").WithJsonBodyLimit();
        group.MapPost("/", AskQuestion.HandleAsync).WithName("Query")
            .WithSummary("Answers a question with cited sources (document, page, snippet); streamed as server-sent events on request");
        return group;
    }
}

namespace DataDistiller.Api.Features.Experiments;

/// <summary>The admin routes of A/B experiments between retrieval strategies.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/experiments").WithTags("Experiments");
        group.MapPost("/", CreateExperiment.HandleAsync).WithName("CreateExperiment");
        group.MapGet("/", ListExperiments.HandleAsync).WithName("ListExperiments");
        group.MapGet("/{id:guid}", GetExperiment.HandleAsync).WithName(GetExperiment.RouteName);
        group.MapPost("/{id:guid}/stop", StopExperiment.HandleAsync).WithName("StopExperiment");
        return group;
    }
}

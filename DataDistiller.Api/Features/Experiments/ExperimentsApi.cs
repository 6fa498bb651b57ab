using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;

namespace DataDistiller.Api.Features.Experiments;

/// <summary>The admin routes of A/B experiments between retrieval strategies.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/experiments").WithTags("Experiments").WithJsonBodyLimit().RequireAdmin();
        group.MapPost("/", CreateExperiment.HandleAsync).WithName("CreateExperiment")
            .WithSummary("Starts an A/B experiment between retrieval strategies");
        group.MapGet("/", ListExperiments.HandleAsync).WithName("ListExperiments")
            .WithSummary("Lists experiments with their per-arm figures");
        group.MapGet("/{id:guid}", GetExperiment.HandleAsync).WithName(GetExperiment.RouteName)
            .WithSummary("One experiment with per-arm latency, empty rate, feedback and the z-test");
        group.MapPost("/{id:guid}/stop", StopExperiment.HandleAsync).WithName("StopExperiment")
            .WithSummary("Stops an experiment; its figures stay");
        return group;
    }
}

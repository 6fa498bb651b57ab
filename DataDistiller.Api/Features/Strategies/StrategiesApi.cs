using DataDistiller.Endpoints.Security;

namespace DataDistiller.Api.Features.Strategies;

/// <summary>The admin routes of retrieval strategies: what can be served, searched with and put in an experiment.</summary>
public static class StrategiesApi
{
    public static RouteGroupBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/strategies").WithTags("Strategies").RequireAdmin();
        group.MapGet("/", ListStrategies.Handle).WithName("ListStrategies")
            .WithSummary("Lists the named, versioned retrieval strategies with their legs, k values, fusion and re-ranking; marks the default");
        return group;
    }
}

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>The admin routes of dead letters: list, inspect, replay and discard.</summary>
public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/dlq").WithTags("DeadLetters");
        group.MapGet("/", ListDeadLetters.HandleAsync).WithName("ListDeadLetters");
        group.MapGet("/{id:guid}", GetDeadLetter.HandleAsync).WithName(GetDeadLetter.RouteName);
        group.MapPost("/{id:guid}/replay", ReplayDeadLetter.HandleAsync).WithName("ReplayDeadLetter");
        group.MapPost("/replay", ReplayDeadLetters.HandleAsync).WithName("ReplayDeadLetters");
        group.MapDelete("/{id:guid}", DiscardDeadLetter.HandleAsync).WithName("DiscardDeadLetter");
        return group;
    }
}

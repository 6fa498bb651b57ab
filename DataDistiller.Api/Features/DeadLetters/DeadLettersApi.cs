using DataDistiller.Endpoints.Security;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>The admin routes of dead letters: list, inspect, replay and discard.</summary>
public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/dlq").WithTags("DeadLetters").RequireAdmin();
        group.MapGet("/", ListDeadLetters.HandleAsync).WithName("ListDeadLetters")
            .WithSummary("Lists dead letters, newest first (filter by topic or document; paged)");
        group.MapGet("/{id:guid}", GetDeadLetter.HandleAsync).WithName(GetDeadLetter.RouteName)
            .WithSummary("One dead letter with its payload, headers, error and attempts");
        group.MapPost("/{id:guid}/replay", ReplayDeadLetter.HandleAsync).WithName("ReplayDeadLetter")
            .WithSummary("Replays one dead letter onto its topic; the document resumes");
        group.MapPost("/replay", ReplayDeadLetters.HandleAsync).WithName("ReplayDeadLetters")
            .WithSummary("Replays every dead letter that matches the filter");
        group.MapDelete("/{id:guid}", DiscardDeadLetter.HandleAsync).WithName("DiscardDeadLetter")
            .WithSummary("Discards a dead letter for good");
        return group;
    }
}

using DataDistiller.Endpoints;

namespace DataDistiller.Api.Features.Feedback;

/// <summary>The feedback route: thumbs up or down on a search or an answer.</summary>
public static class FeedbackApi
{
    public static RouteGroupBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/feedback").WithTags("Feedback").WithJsonBodyLimit();
        group.MapPost("/", PostFeedback.HandleAsync).WithName("PostFeedback")
            .WithSummary("Rates a search or an answer up or down (feeds the A/B figures)");
        return group;
    }
}

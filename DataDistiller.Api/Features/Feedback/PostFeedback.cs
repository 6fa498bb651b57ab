using System.Security.Claims;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Feedback;

/// <summary>POST /api/v2/feedback: stores a rating of a served answer, in an experiment or not; the latest rating counts.</summary>
public static class PostFeedback
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        FeedbackRequest request, IExperimentStore store, TimeProvider timeProvider, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        FeedbackRating? rating = request.Rating?.Trim().ToLowerInvariant() switch
        {
            "up" => FeedbackRating.Up,
            "down" => FeedbackRating.Down,
            _ => null,
        };
        if (rating is null)
        {
            return Problems.BadRequest($"The rating must be 'up' or 'down', not '{request.Rating}'.");
        }

        // [Required] has already refused a missing id; the empty Guid names no answer and gets the 404.
        var answerId = request.AnswerId.GetValueOrDefault();

        var now = timeProvider.GetUtcNow();
        // Another tenant's answer is "unknown" (404): rating it would skew that tenant's A/B figures.
        var feedback = new AnswerFeedback(Guid.CreateVersion7(now), answerId, rating.Value, request.Comment, now, CallerTenant.Of(user));
        return await store.AddFeedbackAsync(feedback, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No answer has id {answerId}.");
    }
}

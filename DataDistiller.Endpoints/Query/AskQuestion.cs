using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using DataDistiller.Core.Answers;
using DataDistiller.Core.Documents;
using DataDistiller.Endpoints.Search;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataDistiller.Endpoints.Query;

/// <summary>
/// POST /api/v2/query: retrieval, then an answer with citations, whole or (<c>stream: true</c> or
/// <c>Accept: text/event-stream</c>) as server-sent events: <c>delta</c> events with text, then one <c>answer</c> event.
/// </summary>
public static class AskQuestion
{
    public const string DeltaEvent = "delta";
    public const string AnswerEvent = "answer";

    public static async Task<Results<Ok<QueryResponse>, ServerSentEventsResult<object>, ProblemHttpResult>> HandleAsync(
        QueryRequest request,
        HttpRequest http,
        [FromHeader(Name = SearchDocuments.UserIdHeader)] string? userId,
        [FromHeader(Name = SearchDocuments.SessionIdHeader)] string? sessionId,
        AnswerService answers,
        ExperimentRouter router,
        TimeProvider timeProvider,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var collection = request.Collection ?? CollectionName.Default;
        if (!CollectionName.IsValid(collection))
        {
            return Problems.InvalidCollection(collection);
        }

        var key = CallerTenant.Collection(user, collection).Key;
        // The one place a request's strategy is chosen: named, else the caller's A/B arm, else the default.
        var assignment = await router.AssignAsync(key, request.Strategy, ExperimentRouter.SubjectKey(userId, sessionId), cancellationToken);
        if (RetrievalInput.Problem(request.Question, collection, request.Strategy, assignment?.Strategy) is { } problem)
        {
            return problem;
        }

        var question = new AnswerRequest(request.Question, key, assignment!.Strategy, request.K);
        var started = timeProvider.GetTimestamp();
        try
        {
            if (request.Stream == true || http.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                var recorded = Record(router, assignment, timeProvider, started);
                return TypedResults.ServerSentEvents(Events(await answers.StreamAsync(question, cancellationToken), recorded, cancellationToken));
            }

            var answer = await answers.AskAsync(question, cancellationToken);
            await Record(router, assignment, timeProvider, started)(answer, cancellationToken);
            return TypedResults.Ok(QueryResponse.From(answer));
        }
        catch (EmbeddingModelMismatchException ex)
        {
            return Problems.Conflict(ex.Reason);
        }
        catch (HttpRequestException)
        {
            return Problems.Unavailable("The chat model could not be reached; try again later.");
        }
    }

    // Every served answer is recorded (in an experiment or not) so feedback can rate it by its answer id.
    private static Func<Answer, CancellationToken, Task> Record(ExperimentRouter router, StrategyAssignment assignment, TimeProvider timeProvider, long started) =>
        (answer, cancellationToken) => router.RecordQueryAsync(
            answer.AnswerId, assignment, timeProvider.GetElapsedTime(started), answer.Citations.Count == 0, cancellationToken);

    private static async IAsyncEnumerable<SseItem<object>> Events(
        IAsyncEnumerable<AnswerUpdate> updates, Func<Answer, CancellationToken, Task> record, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (update.Answer is { } answer)
            {
                await record(answer, cancellationToken);
                yield return new SseItem<object>(QueryResponse.From(answer), AnswerEvent);
            }
            else
            {
                yield return new SseItem<object>(new QueryDelta(update.Delta ?? string.Empty), DeltaEvent);
            }
        }
    }
}

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DataDistiller.Core.Answers;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Query;

/// <summary>
/// POST /api/v2/query: retrieval, then an answer with citations, whole or (<c>stream: true</c> or
/// <c>Accept: text/event-stream</c>) as server-sent events: <c>delta</c> events with text, then one <c>answer</c> event.
/// </summary>
public static class AskQuestion
{
    public const string DeltaEvent = "delta";
    public const string AnswerEvent = "answer";

    public static async Task<Results<Ok<QueryResponse>, ServerSentEventsResult<object>, ProblemHttpResult>> HandleAsync(
        QueryRequest request, HttpRequest http, AnswerService answers, StrategyCatalog strategies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answers);
        var collection = request.Collection ?? CollectionName.Default;
        var strategy = ResolveStrategy(strategies, request);
        if (RetrievalInput.Problem(request.Question, collection, request.Strategy, strategy) is { } problem)
        {
            return problem;
        }

        var question = new AnswerRequest(request.Question, collection, strategy!, request.K);
        try
        {
            if (request.Stream == true || http.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return TypedResults.ServerSentEvents(Events(await answers.StreamAsync(question, cancellationToken), cancellationToken));
            }

            return TypedResults.Ok(QueryResponse.From(await answers.AskAsync(question, cancellationToken)));
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

    // The one place a request's strategy is chosen, so A/B assignment can take it over.
    private static RetrievalStrategy? ResolveStrategy(StrategyCatalog strategies, QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return strategies.Find(request.Strategy);
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        IAsyncEnumerable<AnswerUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            yield return update.Answer is { } answer
                ? new SseItem<object>(QueryResponse.From(answer), AnswerEvent)
                : new SseItem<object>(new QueryDelta(update.Delta ?? string.Empty), DeltaEvent);
        }
    }
}

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Events;

/// <summary>GET /api/v2/documents/{id}/events: the document's progress as server-sent events, until it ends.</summary>
public static class FollowDocument
{
    public const string EventName = "progress";

    public static async Task<Results<ServerSentEventsResult<ProgressEvent>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, IJobStore jobs, DocumentEventHub hub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var document = await jobs.GetAsync(id, cancellationToken);
        return document.IsVisibleTo(user)
            ? TypedResults.ServerSentEvents(EventsAsync(id, user, jobs, hub, cancellationToken))
            : Problems.NotFound(FollowedDocuments.UnknownDocument(id));
    }

    private static async IAsyncEnumerable<SseItem<ProgressEvent>> EventsAsync(
        Guid id, ClaimsPrincipal user, IJobStore jobs, DocumentEventHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, hub.Stopping);
        using var subscription = hub.Subscribe(user);
        // Subscribe before reading the current state, so no change falls between the two.
        subscription.AddDocument(id);
        var document = await jobs.GetAsync(id, cancellationToken);
        if (!document.IsVisibleTo(user))
        {
            yield break;
        }

        subscription.Follow(document!);
        for (var sequence = 1L; ; sequence++)
        {
            DocumentChanged change;
            try
            {
                change = await subscription.ReadAsync(stop.Token);
            }
            catch (OperationCanceledException) when (hub.Stopping.IsCancellationRequested)
            {
                // The host is stopping: end the stream cleanly; the client reconnects to another instance or later.
                break;
            }

            yield return new SseItem<ProgressEvent>(ProgressEvent.From(change), EventName) { EventId = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (change.IsFinal)
            {
                yield break;
            }
        }
    }
}

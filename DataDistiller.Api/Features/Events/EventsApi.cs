namespace DataDistiller.Api.Features.Events;

/// <summary>Live progress: a WebSocket for documents and collections, and server-sent events per document.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2").WithTags("Live progress");
        group.MapGet("/ws", LiveProgressSocket.HandleAsync).WithName("LiveProgressSocket")
            .WithSummary("WebSocket: subscribe to documents or a collection and receive their progress as it happens")
            .WithDescription(
                "Send {\"type\":\"subscribe\",\"documents\":[\"<id>\"]} or {\"type\":\"subscribe\",\"collection\":\"<name>\"} "
                + "(and \"unsubscribe\" alike). The server acknowledges ({\"type\":\"subscribed\",…}), sends each document's current "
                + "state, then every change: {\"type\":\"progress\",\"documentId\",\"collection\",\"fileName\",\"status\",\"progress\","
                + "\"chunksDone\",\"chunksTotal\",\"error\",\"at\"}. A frame it cannot act on gets {\"type\":\"error\",\"message\"}.")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/documents/{id:guid}/events", FollowDocument.HandleAsync).WithName("FollowDocument")
            .WithSummary("Server-sent events: the document's current state, then each change, until it is indexed, failed or deleted")
            .Produces<ProgressEvent>(StatusCodes.Status200OK, "text/event-stream");
        return group;
    }
}

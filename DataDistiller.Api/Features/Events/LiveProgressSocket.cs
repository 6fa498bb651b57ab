using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Events;

/// <summary>
/// GET /api/v2/ws: a WebSocket on which a client subscribes to documents or collections and receives their progress.
/// One loop reads the client's frames and answers them, another sends the queued events; a lock keeps their sends apart.
/// </summary>
public sealed partial class LiveProgressSocket : IDisposable
{
    private const int MaxFrameBytes = 16 * 1024;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly WebSocket _socket;
    private readonly ClaimsPrincipal _user;
    private readonly IJobStore _jobs;
    private readonly EventSubscription _subscription;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationToken _stopping;

    private LiveProgressSocket(WebSocket socket, ClaimsPrincipal user, IJobStore jobs, DocumentEventHub hub, ILogger logger)
    {
        _socket = socket;
        _user = user;
        _jobs = jobs;
        _logger = logger;
        _subscription = hub.Subscribe(user);
        _stopping = hub.Stopping;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext context, IJobStore jobs, DocumentEventHub hub, ILogger<LiveProgressSocket> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.BadRequest("This route only takes WebSocket requests (Connection: Upgrade, Upgrade: websocket).");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var session = new LiveProgressSocket(socket, context.User, jobs, hub, logger);
        await session.RunAsync(cancellationToken);
        return TypedResults.Empty;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _sendLock.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping);
        var sending = SendEventsAsync(stop.Token);
        try
        {
            await ReceiveAsync(stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away or the host is stopping: nothing to answer.
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }

        if (_stopping.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            await SayGoingAwayAsync();
        }

        if (_subscription.Dropped > 0)
        {
            LogDropped(_logger, _subscription.Dropped);
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var frame = new MemoryStream();
        var tooLarge = false;
        while (_socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await _sendLock.WaitAsync(cancellationToken);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }
                finally
                {
                    _sendLock.Release();
                }

                return;
            }

            tooLarge |= frame.Length + received.Count > MaxFrameBytes;
            if (!tooLarge)
            {
                frame.Write(buffer, 0, received.Count);
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            if (tooLarge)
            {
                await SendAsync(ErrorFrame.Of($"A frame may hold at most {MaxFrameBytes} bytes."), cancellationToken);
            }
            else if (received.MessageType != WebSocketMessageType.Text)
            {
                await SendAsync(ErrorFrame.Of("Frames must be JSON text, not binary."), cancellationToken);
            }
            else
            {
                await HandleFrameAsync(frame.GetBuffer().AsMemory(0, (int)frame.Length), cancellationToken);
            }

            frame.SetLength(0);
            tooLarge = false;
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        if (!SubscriptionRequests.TryParse(utf8, out var request, out var error))
        {
            await SendAsync(ErrorFrame.Of(error), cancellationToken);
            return;
        }

        var subscribe = request.Type == SubscriptionFrame.Subscribe;
        if (request.Collection is { } collection)
        {
            var key = CallerTenant.Collection(_user, collection).Key;
            var frame = new SubscriptionFrame(Acknowledged(subscribe), null, collection);
            if (!subscribe)
            {
                _subscription.RemoveCollection(key);
                await SendAsync(frame, cancellationToken);
                return;
            }

            await AcknowledgeAsync(frame, () => _subscription.AddCollection(key), cancellationToken);
            await _subscription.QueueCollectionStateAsync(key, _jobs, cancellationToken);
            return;
        }

        if (!subscribe)
        {
            foreach (var id in request.Documents!)
            {
                _subscription.RemoveDocument(id);
            }

            await SendAsync(new SubscriptionFrame(Acknowledged(subscribe), request.Documents, null), cancellationToken);
            return;
        }

        var found = new List<DocumentRecord>();
        foreach (var id in request.Documents!)
        {
            var document = await _jobs.GetAsync(id, cancellationToken);
            if (document.IsVisibleTo(_user))
            {
                found.Add(document!);
            }
            else
            {
                await SendAsync(ErrorFrame.Of(FollowedDocuments.UnknownDocument(id)), cancellationToken);
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        await AcknowledgeAsync(
            new SubscriptionFrame(Acknowledged(subscribe), found.ConvertAll(d => d.DocumentId), null),
            () => found.ForEach(d => _subscription.AddDocument(d.DocumentId)),
            cancellationToken);
        foreach (var document in found)
        {
            // Read again after subscribing, so no change falls between the state and the first event.
            if (await _jobs.GetAsync(document.DocumentId, cancellationToken) is { } current)
            {
                _subscription.Follow(current);
            }
        }
    }

    private async Task SendEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var change = await _subscription.ReadAsync(cancellationToken);
                await SendAsync(ProgressEvent.From(change), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The connection ended; the receive loop notices too.
        }
    }

    private Task SendAsync<T>(T frame, CancellationToken cancellationToken) => AcknowledgeAsync(frame, subscribe: null, cancellationToken);

    /// <summary>
    /// Subscribes and sends the acknowledgement under the send lock. A client may act as soon as it reads the
    /// acknowledgement (upload into the collection it followed), so the subscription must exist by then; holding the
    /// lock keeps the events it lets in behind the acknowledgement.
    /// </summary>
    private async Task AcknowledgeAsync<T>(T frame, Action? subscribe, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, s_json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            subscribe?.Invoke();
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SayGoingAwayAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is stopping.", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client is gone already.
        }
    }

    private static string Acknowledged(bool subscribe) => subscribe ? "subscribed" : "unsubscribed";

    [LoggerMessage(LogLevel.Information, "A live progress client read too slowly; {Dropped} events were dropped for it")]
    private static partial void LogDropped(ILogger logger, long dropped);
}

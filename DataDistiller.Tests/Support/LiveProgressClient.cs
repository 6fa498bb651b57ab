using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>A client of the live progress WebSocket, /api/v2/ws: sends frames, reads JSON frames with a deadline.</summary>
public sealed class LiveProgressClient(WebSocket socket) : IDisposable
{
    public static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(30);

    public WebSocket Socket => socket;

    /// <summary>Connects with <paramref name="token"/> in the Authorization header (browsers use ?access_token= instead).</summary>
    public static async Task<LiveProgressClient> ConnectAsync(WebApplicationFactory<Program> factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
        var socket = await client.ConnectAsync(new Uri(factory.Server.BaseAddress, "api/v2/ws"), TestContext.Current.CancellationToken);
        return new LiveProgressClient(socket);
    }

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>The next frame, as a JSON object; fails the test when none comes in time.</summary>
    public async Task<JsonObject> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? FrameTimeout);
        var buffer = new byte[8192];
        using var frame = new MemoryStream();
        WebSocketReceiveResult received;
        try
        {
            do
            {
                received = await socket.ReceiveAsync(buffer, deadline.Token);
                frame.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No WebSocket frame within {(timeout ?? FrameTimeout).TotalSeconds} s.");
        }

        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return JsonNode.Parse(frame.ToArray())!.AsObject();
    }

    /// <summary>Waits for the server's close frame and returns its status; fails on any other frame.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(FrameTimeout);
        var received = await socket.ReceiveAsync(new byte[8192], deadline.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        return received.CloseStatus;
    }

    /// <summary>Frames until one matches <paramref name="last"/> (included).</summary>
    public async Task<List<JsonObject>> ReceiveUntilAsync(Func<JsonObject, bool> last, TimeSpan? timeout = null)
    {
        var frames = new List<JsonObject>();
        var deadline = DateTime.UtcNow + (timeout ?? DocumentsClient.IngestTimeout);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for the last frame; got {string.Join(", ", frames.Select(f => f.ToJsonString()))}");
            }

            var frame = await ReceiveAsync(remaining);
            frames.Add(frame);
            if (last(frame))
            {
                return frames;
            }
        }
    }

    public void Dispose() => socket.Dispose();
}

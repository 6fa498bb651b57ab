using System.Net;
using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using DataDistiller.Core.Extraction;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// Live progress through the embedded host: the WebSocket /api/v2/ws and the server-sent events of
/// /api/v2/documents/{id}/events, fed by the pipeline's own events.
/// </summary>
public sealed class LiveProgressEndToEndTests(LiveProgressFixture api) : IClassFixture<LiveProgressFixture>
{
    private static readonly string[] s_pipeline = ["accepted", "splitting", "embedding", "indexed"];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebSocket_SubscribedToACollection_SeesAcceptedThroughIndexedWithRisingProgress()
    {
        // Arrange
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-ws" });
        var ack = await client.ReceiveAsync();

        // Act
        var id = await api.Client.UploadAsync("tides.txt", LiveProgressFixture.LongText("tide"), "live-ws");
        var frames = await client.ReceiveUntilAsync(f => IsFinal(f, id));

        // Assert
        Assert.Equal("subscribed", ack["type"]!.GetValue<string>());
        Assert.Equal("live-ws", ack["collection"]!.GetValue<string>());
        Assert.All(frames, f => Assert.Equal("progress", f["type"]!.GetValue<string>()));
        Assert.All(frames, f => Assert.Equal("live-ws", f["collection"]!.GetValue<string>()));
        Assert.All(frames, f => Assert.Equal("tides.txt", f["fileName"]!.GetValue<string>()));
        AssertPipelineOrder(frames, from: "accepted");
    }

    [Fact]
    public async Task WebSocket_SubscribedToADocument_SeesItsCurrentStateFirstThenEveryChange()
    {
        // Arrange: the document waits in "accepted" until the test follows it
        api.SplittingGate.Close();
        var id = await api.Client.UploadAsync("currents.txt", LiveProgressFixture.LongText("current"), "live-doc");
        using var client = await api.ConnectAsync();

        // Act
        await client.SendAsync(new { type = "subscribe", documents = new[] { id } });
        var ack = await client.ReceiveAsync();
        var current = await client.ReceiveAsync();
        api.SplittingGate.Open();
        var frames = await client.ReceiveUntilAsync(f => IsFinal(f, id));

        // Assert
        Assert.Equal("subscribed", ack["type"]!.GetValue<string>());
        Assert.Equal(id, ack["documents"]![0]!.GetValue<Guid>());
        Assert.Equal("accepted", current["status"]!.GetValue<string>());
        AssertPipelineOrder([current, .. frames], from: "accepted");
    }

    [Fact]
    public async Task WebSocket_SubscribedToACollection_FollowsEachOfItsDocuments()
    {
        // Arrange
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-two" });
        await client.ReceiveAsync();

        // Act
        var first = await api.Client.UploadAsync("first.txt", LiveProgressFixture.LongText("reef"), "live-two");
        var second = await api.Client.UploadAsync("second.txt", LiveProgressFixture.LongText("lagoon"), "live-two");
        var ended = new HashSet<Guid>();
        var frames = await client.ReceiveUntilAsync(f =>
        {
            if (f["status"]?.GetValue<string>() == "indexed")
            {
                ended.Add(f["documentId"]!.GetValue<Guid>());
            }

            return ended.Count == 2;
        });

        // Assert
        AssertPipelineOrder(frames.Where(f => f["documentId"]!.GetValue<Guid>() == first).ToList(), from: "accepted");
        AssertPipelineOrder(frames.Where(f => f["documentId"]!.GetValue<Guid>() == second).ToList(), from: "accepted");
    }

    [Fact]
    public async Task WebSocket_WhenTheDocumentFails_SendsTheFailureWithItsReason()
    {
        // Arrange
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-failed" });
        await client.ReceiveAsync();

        // Act: a blank page has no text to index
        var id = await api.Client.UploadAsync("blank.pdf", TestPdf.Build(), "live-failed");
        var frames = await client.ReceiveUntilAsync(f => IsFinal(f, id));

        // Assert
        var last = frames[^1];
        Assert.Equal("failed", last["status"]!.GetValue<string>());
        Assert.Equal(ExtractionReasons.PdfNoText, last["error"]!.GetValue<string>());
        Assert.Equal("accepted", frames[0]["status"]!.GetValue<string>());
        Assert.All(frames.SkipLast(1), f => Assert.Null(f["error"]));
    }

    [Fact]
    public async Task WebSocket_WhenTheDocumentIsDeleted_SendsDeleted()
    {
        // Arrange
        var id = await api.Client.UploadAsync("dunes.txt", "Dune grass holds sand against the wind."u8.ToArray(), "live-deleted");
        await api.Client.WaitUntilIndexedAsync(id);
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", documents = new[] { id } });
        await client.ReceiveAsync();
        var current = await client.ReceiveAsync();

        // Act
        using var deleted = await api.Client.Http.DeleteAsync($"/api/v2/documents/{id}", _ct);
        var change = await client.ReceiveAsync();

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("indexed", current["status"]!.GetValue<string>());
        Assert.Equal("deleted", change["status"]!.GetValue<string>());
        Assert.Equal(id, change["documentId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task WebSocket_AfterBadFrames_AnswersErrorsAndStaysUsable()
    {
        // Arrange
        var id = await api.Client.UploadAsync("kelp.txt", "Kelp forests grow along cold rocky coasts."u8.ToArray(), "live-bad");
        await api.Client.WaitUntilIndexedAsync(id);
        using var client = await api.ConnectAsync();
        string[] bad =
        [
            "not json",
            "[1,2]",
            """{"type":"follow","collection":"live-bad"}""",
            """{"type":"subscribe"}""",
            """{"type":"subscribe","collection":"live-bad","documents":[]}""",
            """{"type":"subscribe","collection":"Not Valid"}""",
            """{"type":"subscribe","documents":["not-a-guid"]}""",
            """{"type":"subscribe","documents":[]}""",
        ];
        var errors = new List<JsonObject>();

        // Act
        foreach (var frame in bad)
        {
            await client.SendTextAsync(frame);
            errors.Add(await client.ReceiveAsync());
        }

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, _ct);
        errors.Add(await client.ReceiveAsync());
        await client.SendAsync(new { type = "subscribe", documents = new[] { id } });
        var ack = await client.ReceiveAsync();
        var current = await client.ReceiveAsync();

        // Assert
        Assert.All(errors, e => Assert.Equal("error", e["type"]!.GetValue<string>()));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e["message"]!.GetValue<string>())));
        Assert.Equal("subscribed", ack["type"]!.GetValue<string>());
        Assert.Equal("indexed", current["status"]!.GetValue<string>());
        Assert.Equal(100, current["progress"]!.GetValue<int>());
    }

    [Fact]
    public async Task WebSocket_SubscribingToAnUnknownDocument_AnswersAnErrorFrame()
    {
        // Arrange
        var unknown = Guid.CreateVersion7();
        using var client = await api.ConnectAsync();

        // Act
        await client.SendAsync(new { type = "subscribe", documents = new[] { unknown } });
        var answer = await client.ReceiveAsync();

        // Assert
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Contains(unknown.ToString(), answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_AfterUnsubscribing_GetsNoMoreEventsOfThatCollection()
    {
        // Arrange
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-left" });
        await client.ReceiveAsync();

        // Act
        await client.SendAsync(new { type = "unsubscribe", collection = "live-left" });
        var unsubscribed = await client.ReceiveAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-right" });
        await client.ReceiveAsync();
        var left = await api.Client.UploadAsync("left.txt", "Seagrass meadows store carbon in their sediment."u8.ToArray(), "live-left");
        await api.Client.WaitUntilIndexedAsync(left);
        var right = await api.Client.UploadAsync("right.txt", "Mangroves protect coasts from storm surges."u8.ToArray(), "live-right");
        var frames = await client.ReceiveUntilAsync(f => IsFinal(f, right));

        // Assert
        Assert.Equal("unsubscribed", unsubscribed["type"]!.GetValue<string>());
        Assert.All(frames, f => Assert.Equal(right, f["documentId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task LiveStreams_WhenTheHostStops_EndCleanly()
    {
        // Arrange: a host of its own, a WebSocket and an event stream following a document held in "accepted"
        await using var own = new LiveProgressFixture();
        own.SplittingGate.Close();
        var id = await own.Client.UploadAsync("ebb.txt", "The ebb tide drains the estuary twice a day."u8.ToArray(), "live-stop");
        using var client = await own.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", documents = new[] { id } });
        await client.ReceiveUntilAsync(f => f["type"]!.GetValue<string>() == "progress");
        using var response = await own.Client.Http.GetAsync($"/api/v2/documents/{id}/events", HttpCompletionOption.ResponseHeadersRead, _ct);
        await using var stream = await response.Content.ReadAsStreamAsync(_ct);
        await using var events = SseParser.Create(stream).EnumerateAsync(_ct).GetAsyncEnumerator(_ct);
        Assert.True(await events.MoveNextAsync());

        // Act
        own.Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var closed = await client.ReceiveCloseAsync();
        var more = await events.MoveNextAsync();

        // Assert
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, closed);
        Assert.False(more);
    }

    [Fact]
    public async Task WebSocketRoute_PlainGet_Returns400Problem()
    {
        // Act
        using var response = await api.Client.Http.GetAsync("/api/v2/ws", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("WebSocket", (await DocumentsClient.ReadJsonAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentEvents_WhileTheDocumentIsIngested_StreamsAcceptedThroughIndexedThenEnds()
    {
        // Arrange
        api.SplittingGate.Close();
        var id = await api.Client.UploadAsync("waves.txt", LiveProgressFixture.LongText("wave"), "live-sse");
        using var response = await api.Client.Http.GetAsync($"/api/v2/documents/{id}/events", HttpCompletionOption.ResponseHeadersRead, _ct);
        await using var stream = await response.Content.ReadAsStreamAsync(_ct);
        var events = new List<SseItem<string>>();

        // Act: read the current state, let the pipeline go, read to the end of the stream
        await using var reader = SseParser.Create(stream).EnumerateAsync(_ct).GetAsyncEnumerator(_ct);
        Assert.True(await reader.MoveNextAsync());
        events.Add(reader.Current);
        api.SplittingGate.Open();
        while (await reader.MoveNextAsync())
        {
            events.Add(reader.Current);
        }

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.All(events, e => Assert.Equal("progress", e.EventType));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(e => e.EventId));
        var frames = events.Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        Assert.All(frames, f => Assert.Equal(id, f["documentId"]!.GetValue<Guid>()));
        AssertPipelineOrder(frames, from: "accepted");
    }

    [Fact]
    public async Task DocumentEvents_ForAnIndexedDocument_SendsItsStateAndEnds()
    {
        // Arrange
        var id = await api.Client.UploadAsync("shoal.txt", "Fish shoals turn together to confuse predators."u8.ToArray(), "live-done");
        await api.Client.WaitUntilIndexedAsync(id);

        // Act
        using var response = await api.Client.Http.GetAsync($"/api/v2/documents/{id}/events", _ct);
        var body = await response.Content.ReadAsStringAsync(_ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("event: progress\n", body, StringComparison.Ordinal);
        Assert.Single(body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"status\":\"indexed\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentEvents_ForAnUnknownDocument_Returns404Problem()
    {
        // Act
        using var response = await api.Client.Http.GetAsync($"/api/v2/documents/{Guid.CreateVersion7()}/events", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static bool IsFinal(JsonObject frame, Guid id) =>
        frame["documentId"]?.GetValue<Guid>() == id && frame["status"]?.GetValue<string>() is "indexed" or "failed" or "deleted";

    /// <summary>
    /// The statuses go forward through the pipeline from <paramref name="from"/> through embedding to indexed; progress never goes
    /// back, rises through several values while embedding and ends at 100 when indexed.
    /// </summary>
    private static void AssertPipelineOrder(IReadOnlyList<JsonObject> frames, string from)
    {
        var statuses = frames.Select(f => f["status"]!.GetValue<string>()).ToList();
        var trace = string.Join(", ", frames.Select(f => $"{f["status"]} {f["progress"]} ({f["chunksDone"]}/{f["chunksTotal"]})"));
        Assert.True(statuses.SequenceEqual(statuses.OrderBy(s => Array.IndexOf(s_pipeline, s))), $"statuses went back: {trace}");
        // Every event carries the full state, so a stage may be seen only through a later one (a split request redelivered
        // under load publishes the row as it is by then); the walk must still start where asked, embed, and end indexed.
        Assert.True(statuses[0] == from && statuses.Contains("embedding") && statuses[^1] == "indexed", $"a stage is missing: {trace}");
        var progress = frames.Select(f => f["progress"]!.GetValue<int>()).ToList();
        Assert.True(progress.SequenceEqual(progress.Order()), $"progress went back: {trace}");
        Assert.True(progress.Where(p => p is > 0 and < 100).Distinct().Count() >= 3, $"too few progress steps: {trace}");
        Assert.Equal(100, progress[^1]);
        var embedding = frames.First(f => f["status"]!.GetValue<string>() == "embedding");
        Assert.True(embedding["chunksTotal"]!.GetValue<int>() > 4, $"too few chunks: {trace}");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Retrieval;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// One upload is one trace: the Api's request, the splitter and every embedder batch share its trace id. A question is
/// one trace too, with a span per search leg, fusion, re-ranking and the answer.
/// </summary>
public sealed class PipelineTraceTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = Listen();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Upload_OfOneDocument_IsOneTraceFromApiThroughSplitterAndEmbedders()
    {
        // Arrange: the client starts the trace, as a traced caller would, so its spans can be told from other tests'.
        _listener.ActivityStopped = _stopped.Enqueue;
        var traceId = ActivityTraceId.CreateRandom();
        var text = string.Join(' ', Enumerable.Repeat("Kingfishers dive from a perch above slow water.", 300));
        using var form = DocumentsClient.Form("traced", ("kingfishers.txt", Encoding.UTF8.GetBytes(text)));
        form.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        // Act
        using var response = await api.Client.PostAsync(form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await DocumentsClient.ReadJsonAsync(response))["documents"]![0]!["documentId"]!.GetValue<Guid>();
        var chunks = (await api.Client.WaitUntilIndexedAsync(id))["chunksTotal"]!.GetValue<int>();

        // Assert: every message of this upload was processed inside its trace, and each stage's span hangs on the one before.
        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(_stopped.Where(a => a.TraceId == traceId).ToList()),
            spans => ProcessSpans(spans, Topics.ChunkProcessing).Sum(BatchSize) == chunks,
            TimeSpan.FromSeconds(10),
            "every chunk's processing span");
        var server = Assert.Single(trace, a => a.Kind == ActivityKind.Server);
        var split = Assert.Single(ProcessSpans(trace, Topics.DocRequests));
        Assert.True(IsBelow(split, server, trace), "the splitter's span descends from the upload request");
        Assert.All(ProcessSpans(trace, Topics.ChunkProcessing), embed => Assert.True(IsBelow(embed, split, trace), "an embedder span descends from the split"));
        Assert.Equal(chunks, ProcessSpans(trace, Topics.ChunkProcessing).Sum(BatchSize));
    }

    [Fact]
    public async Task Query_WithATracedCaller_HasASpanPerLegFusionRerankAndAnswerUnderTheRequest()
    {
        // Arrange
        _listener.ActivityStopped = _stopped.Enqueue;
        var id = await api.Client.UploadAsync("owls.txt", Encoding.UTF8.GetBytes("Barn owls hunt by sound over open fields at night."), "traced-query");
        await api.Client.WaitUntilIndexedAsync(id);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/query")
        {
            Content = JsonContent.Create(new { question = "How do barn owls hunt?", collection = "traced-query" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        // Act
        using var response = await api.Client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(_stopped.Where(a => a.TraceId == traceId).ToList()),
            spans => spans.Any(a => a.Kind == ActivityKind.Server),
            TimeSpan.FromSeconds(10),
            "the request's span");
        var server = Assert.Single(trace, a => a.Kind == ActivityKind.Server);
        var search = Assert.Single(trace, a => a.Source.Name == RetrievalTelemetry.MeterName && a.DisplayName == "search");
        Assert.True(IsBelow(search, server, trace), "the search descends from the request");
        Assert.Equal("hybrid-rerank@1", search.GetTagItem(RetrievalTelemetry.StrategyTag));
        foreach (var name in new[] { "search dense", "search bm25", "search fusion", "rerank" })
        {
            var span = Assert.Single(trace, a => a.Source.Name == RetrievalTelemetry.MeterName && a.DisplayName == name);
            Assert.Equal(search.SpanId, span.ParentSpanId);
        }

        var answer = Assert.Single(trace, a => a.Source.Name == RetrievalTelemetry.MeterName && a.DisplayName == "answer");
        Assert.True(IsBelow(answer, server, trace), "the answer descends from the request");
    }

    private static List<Activity> ProcessSpans(IEnumerable<Activity> spans, string topic) =>
        [.. spans.Where(a => a.Source.Name == IngestionTelemetry.SourceName && a.Kind == ActivityKind.Consumer && a.DisplayName == $"{topic} process")];

    private static int BatchSize(Activity span) => span.GetTagItem("messaging.batch.message_count") is int count ? count : 1;

    private static bool IsBelow(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default; parent = trace.FirstOrDefault(a => a.SpanId == parent)?.ParentSpanId ?? default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("DataDistiller.", StringComparison.Ordinal) || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

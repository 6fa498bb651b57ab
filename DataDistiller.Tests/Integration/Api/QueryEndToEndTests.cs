using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DataDistiller.Core.Answers;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Questions through HTTP on the embedded host: no chat model is configured, so the extractive answerer serves.</summary>
public sealed class QueryEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string Collection = "e2e-answers";
    private const string Fact = "The Quillfeather observatory dome was painted cobalt blue in 1904.";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_QuestionAboutAnIndexedFact_AnswersItWithACitationOfDocumentAndPage()
    {
        // Arrange: a collection of its own, since other tests upload the same fact and identical chunks tie in ranking
        const string collection = Collection + "-citation";
        var id = await UploadFactAsync(collection);

        // Act
        using var response = await api.Client.Http.PostAsJsonAsync(
            "/api/v2/query", new { question = "What colour was the Quillfeather observatory dome painted?", collection }, _ct);
        var body = await DocumentsClient.ReadJsonAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["answerId", "answer", "strategy", "reranker", "provider", "citations"], body.Select(p => p.Key));
        Assert.Equal(7, body["answerId"]!.GetValue<Guid>().Version);
        Assert.Contains("cobalt blue", body["answer"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("hybrid-rerank@1", body["strategy"]!.GetValue<string>());
        Assert.Equal(ChatProviders.Extractive, body["provider"]!.GetValue<string>());
        var citation = body["citations"]!.AsArray()[0]!.AsObject();
        Assert.Equal(["n", "documentId", "fileName", "page", "snippet", "chunkId"], citation.Select(p => p.Key));
        Assert.Equal(id, citation["documentId"]!.GetValue<Guid>());
        Assert.Equal("observatory.txt", citation["fileName"]!.GetValue<string>());
        Assert.Equal(1, citation["page"]!.GetValue<int>());
        Assert.Equal(Fact, citation["snippet"]!.GetValue<string>());
        Assert.Contains($"[{citation["n"]!.GetValue<int>()}]", body["answer"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_OnAnAnswerId_IsAccepted()
    {
        // Arrange: every served answer is recorded, so its id can be rated.
        await UploadFactAsync();
        using var asked = await api.Client.Http.PostAsJsonAsync(
            "/api/v2/query", new { question = "What colour was the Quillfeather observatory dome painted?", collection = Collection }, _ct);
        var answerId = (await DocumentsClient.ReadJsonAsync(asked))["answerId"]!.GetValue<Guid>();

        // Act
        using var rated = await api.Client.Http.PostAsJsonAsync("/api/v2/feedback", new { answerId, rating = "up" }, _ct);
        using var unknown = await api.Client.Http.PostAsJsonAsync("/api/v2/feedback", new { answerId = Guid.CreateVersion7(), rating = "up" }, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, rated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Query_UnrelatedQuestion_AnswersNotInTheSourcesWithoutCitations()
    {
        await UploadFactAsync();

        using var response = await api.Client.Http.PostAsJsonAsync(
            "/api/v2/query", new { question = "What is the boiling point of mercury?", collection = Collection }, _ct);
        var body = await DocumentsClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnswerPrompt.NotInSources, body["answer"]!.GetValue<string>());
        Assert.Empty(body["citations"]!.AsArray());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Query_StreamRequested_SendsDeltaEventsThenTheAnswer(bool streamField, bool acceptHeader)
    {
        // Arrange
        await UploadFactAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/query")
        {
            Content = JsonContent.Create(new { question = "What colour was the Quillfeather observatory dome painted?", collection = Collection, stream = streamField }),
        };
        if (acceptHeader)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        // Act
        using var response = await api.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _ct);
        var events = ParseEvents(await response.Content.ReadAsStringAsync(_ct));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(events.Count >= 2, $"Expected deltas and an answer, got {events.Count} events.");
        Assert.All(events[..^1], e => Assert.Equal("delta", e.Event));
        Assert.Equal("answer", events[^1].Event);
        var answer = events[^1].Data;
        Assert.Equal(string.Concat(events[..^1].Select(e => e.Data["text"]!.GetValue<string>())), answer["answer"]!.GetValue<string>());
        Assert.Contains("cobalt blue", answer["answer"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(answer["citations"]!.AsArray());
    }

    [Theory]
    [InlineData("{\"question\":\"Why?\",\"strategy\":\"nope@9\"}", "nope@9")]
    [InlineData("{\"question\":\"   \"}", "question")]
    [InlineData("{\"question\":\"Why?\",\"collection\":\"Bad Name!\"}", "Bad Name!")]
    public async Task Query_BadInput_ReturnsProblem400(string json, string detailMentions)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await api.Client.Http.PostAsync("/api/v2/query", content, _ct);
        var problem = await DocumentsClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(detailMentions, problem.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<Guid> UploadFactAsync(string collection = Collection)
    {
        var filler = string.Join("\n\n", Enumerable.Range(0, 8).Select(i => $"Note {i} covers tides, harbours and the fishing fleet of season {i}."));
        var id = await api.Client.UploadAsync("observatory.txt", Encoding.UTF8.GetBytes(filler + "\n\n" + Fact), collection);
        await api.Client.WaitUntilIndexedAsync(id);
        return id;
    }

    private static List<(string Event, JsonObject Data)> ParseEvents(string stream) =>
        [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (
                Event: lines.Single(l => l.StartsWith("event:", StringComparison.Ordinal))["event:".Length..].Trim(),
                Data: JsonNode.Parse(lines.Single(l => l.StartsWith("data:", StringComparison.Ordinal))["data:".Length..])!.AsObject()))];
}

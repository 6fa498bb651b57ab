using System.Net;
using System.Text.Json.Nodes;
using DataDistiller.Infrastructure.HttpReranking;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.HttpReranking;

public sealed class HttpRerankerTests : IAsyncLifetime
{
    private const string RealServerVariable = "ConnectionStrings__reranker";

    private readonly List<JsonObject> _bodies = [];
    private readonly List<string?> _authorizations = [];
    private FakeHttpServer _server = null!;

    // The fake scores a text by its length and, like the real servers, answers best first (not in input order).
    public async ValueTask InitializeAsync() =>
        _server = await FakeHttpServer.StartAsync(
            app =>
            {
                app.MapPost("/rerank", async (HttpRequest request) =>
                {
                    var body = await Record(request);
                    var texts = body["texts"]!.AsArray().Select(t => (string)t!).ToList();
                    return Results.Json(Ranked(texts).Select(r => new { index = r.Index, score = r.Score }));
                });
                app.MapPost("/v1/rerank", async (HttpRequest request) =>
                {
                    var body = await Record(request);
                    var documents = body["documents"]!.AsArray().Select(t => (string)t!).ToList();
                    return Results.Json(new { id = "x", results = Ranked(documents).Select(r => new { index = r.Index, relevance_score = r.Score }) });
                });
                app.MapPost("/broken/rerank", () => Results.Json(new { error = "model is loading" }, statusCode: StatusCodes.Status503ServiceUnavailable));
            },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ScoreAsync_WithTeiDialect_SendsTeiRequestAndMapsScoresToCandidateOrder()
    {
        // Arrange
        using var http = new HttpClient();
        var reranker = Create(http, _server.BaseAddress.AbsoluteUri, RerankDialect.Tei);

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("q", "ccc", "a", "bb"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([3.0, 1.0, 2.0], scores);
        var body = Assert.Single(_bodies);
        Assert.Equal("q", (string)body["query"]!);
        Assert.False((bool)body["raw_scores"]!);
        Assert.True((bool)body["truncate"]!);
    }

    [Fact]
    public async Task ScoreAsync_WithCohereDialect_SendsModelKeyAndTopNAndMapsRelevanceScores()
    {
        // Arrange
        using var http = new HttpClient();
        var reranker = Create(http, $"Endpoint={_server.BaseAddress}v1;Key=secret;Model=rerank-v3", RerankDialect.Cohere);

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("q", "bb", "dddd", "a"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([2.0, 4.0, 1.0], scores);
        var body = Assert.Single(_bodies);
        Assert.Equal("rerank-v3", (string)body["model"]!);
        Assert.Equal(3, (int)body["top_n"]!);
        Assert.Equal(["Bearer secret"], _authorizations);
    }

    [Fact]
    public async Task ScoreAsync_WhenMoreCandidatesThanBatchSize_SplitsRequestsAndKeepsOrder()
    {
        // Arrange
        using var http = new HttpClient();
        var reranker = Create(http, _server.BaseAddress.AbsoluteUri, RerankDialect.Tei, maxBatchSize: 2);
        string[] passages = ["aaaaa", "a", "aaa", "aa", "aaaa"];

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("q", passages), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([5.0, 1.0, 3.0, 2.0, 4.0], scores);
        Assert.Equal([2, 2, 1], _bodies.Select(b => b["texts"]!.AsArray().Count));
    }

    [Fact]
    public async Task ScoreAsync_WhenServerFails_ThrowsWithStatusAndEndpoint()
    {
        // Arrange
        using var http = new HttpClient();
        var reranker = Create(http, $"{_server.BaseAddress}broken", RerankDialect.Tei);

        // Act
        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => reranker.ScoreAsync(RerankCandidates.For("q", "a"), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("broken/rerank answered 503", error.Message, StringComparison.Ordinal);
        Assert.Contains("model is loading", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://reranker:8080", "http://reranker:8080/rerank", null, null)]
    [InlineData("https://api.jina.ai/v1/rerank", "https://api.jina.ai/v1/rerank", null, null)]
    [InlineData("Endpoint=https://api.cohere.com/v2/;Key=k;Model=rerank-v3.5", "https://api.cohere.com/v2/rerank", "k", "rerank-v3.5")]
    public void Parse_WithUrlOrConnectionString_ResolvesRerankUriKeyAndModel(string connectionString, string rerankUri, string? key, string? model)
    {
        // Act
        var connection = RerankerConnection.Parse(connectionString);

        // Assert
        Assert.Equal(new Uri(rerankUri), connection.RerankUri);
        Assert.Equal(key, connection.Key);
        Assert.Equal(model, connection.Model);
    }

    [Theory]
    [InlineData("reranker")]
    [InlineData("Key=k;Model=m")]
    [InlineData("Endpoint=ftp://host")]
    public void Parse_WithoutHttpEndpoint_ThrowsFormatException(string connectionString) =>
        Assert.Throws<FormatException>(() => RerankerConnection.Parse(connectionString));

    [Fact]
    public async Task ScoreAsync_WithRealServer_RanksTheAnsweringPassageFirst()
    {
        // Arrange
        var connectionString = Environment.GetEnvironmentVariable(RealServerVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Skip($"Set {RealServerVariable} to a text-embeddings-inference re-ranker URL to run this test.");
        }

        using var http = new HttpClient();
        var dialect = Enum.Parse<RerankDialect>(Environment.GetEnvironmentVariable("DataDistiller__Models__Reranker__Http__Dialect") ?? "tei", ignoreCase: true);
        var reranker = Create(http, connectionString, dialect);

        // Act
        var scores = await reranker.ScoreAsync(
            RerankCandidates.For(
                "How many people live in Berlin?",
                "Berlin is well known for its museums.",
                "Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers."),
            TestContext.Current.CancellationToken);

        // Assert
        Assert.True(scores[1] > scores[0], $"Scores: {string.Join(", ", scores)}");
    }

    private static HttpReranker Create(HttpClient http, string connectionString, RerankDialect dialect, int maxBatchSize = 32) =>
        new(http, RerankerConnection.Parse(connectionString), Options.Create(new HttpRerankerOptions { Dialect = dialect, MaxBatchSize = maxBatchSize }));

    private static IEnumerable<(int Index, double Score)> Ranked(List<string> texts) =>
        texts.Select((text, index) => (Index: index, Score: (double)text.Length)).OrderByDescending(r => r.Score);

    private async Task<JsonObject> Record(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        lock (_bodies)
        {
            _bodies.Add(body);
            _authorizations.Add(request.Headers.Authorization.FirstOrDefault());
        }

        return body;
    }
}

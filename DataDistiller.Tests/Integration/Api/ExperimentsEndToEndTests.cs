using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

// Every test scopes its experiment to its own collection: the fixture's host is shared by the whole class.
public sealed class ExperimentsEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string Route = "/api/v2/admin/experiments";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private HttpClient Http => api.Client.Http;

    [Fact]
    public async Task Search_UnderA5050Experiment_UsesBothArmsStickyPerSessionAndReportsResultsUntilStopped()
    {
        // Arrange
        var experiment = await CreateAsync("ab-main", ("bm25@1", 50), ("dense@1", 50));
        var id = experiment["id"]!.GetValue<Guid>();

        // Act: each of 30 sessions searches twice
        var served = new List<(string Session, int Arm, string Strategy, Guid QueryId)>();
        for (var s = 0; s < 30; s++)
        {
            for (var repeat = 0; repeat < 2; repeat++)
            {
                var body = await SearchAsync("ab-main", ("X-Session-Id", $"session-{s}"));
                Assert.Equal(id, body["experiment"]!["experimentId"]!.GetValue<Guid>());
                served.Add(($"session-{s}", body["experiment"]!["arm"]!.GetValue<int>(), body["strategy"]!.GetValue<string>(), body["queryId"]!.GetValue<Guid>()));
            }
        }

        var byArm = served.GroupBy(q => q.Arm).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(204, await FeedbackStatusAsync(byArm[0][0].QueryId, "up"));
        Assert.Equal(204, await FeedbackStatusAsync(byArm[0][1].QueryId, "up"));
        Assert.Equal(204, await FeedbackStatusAsync(byArm[1][0].QueryId, "down", "missed the point"));
        var results = await GetJsonAsync($"{Route}/{id}");

        // Assert
        Assert.Equal([0, 1], byArm.Keys.Order());
        Assert.All(served.GroupBy(q => q.Session), g => Assert.Single(g.Select(q => q.Arm).Distinct()));
        Assert.All(served, q => Assert.Equal(q.Arm == 0 ? "bm25@1" : "dense@1", q.Strategy));
        var arms = results["arms"]!.AsArray();
        Assert.Equal(byArm[0].Count, arms[0]!["queries"]!.GetValue<int>());
        Assert.Equal(byArm[1].Count, arms[1]!["queries"]!.GetValue<int>());
        Assert.Equal((2, 0), (arms[0]!["up"]!.GetValue<int>(), arms[0]!["down"]!.GetValue<int>()));
        Assert.Equal((0, 1), (arms[1]!["up"]!.GetValue<int>(), arms[1]!["down"]!.GetValue<int>()));
        Assert.Equal(1.0, arms[0]!["emptyRate"]!.GetValue<double>());
        Assert.NotNull(arms[1]!["upRateTest"]!["pValue"]);

        // Act: stop, then search again
        using var stop = await Http.PostAsync($"{Route}/{id}/stop", null, _ct);
        var after = await SearchAsync("ab-main", ("X-Session-Id", "session-0"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", (await DocumentsClient.ReadJsonAsync(stop))["state"]!.GetValue<string>());
        Assert.Equal("hybrid-rerank@1", after["strategy"]!.GetValue<string>());
        Assert.Null(after["experiment"]);
        Assert.Contains(await Http.GetFromJsonAsync<JsonArray>(Route, _ct) ?? [], e => e!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task Search_WhenRequestNamesAStrategyOrUserIdIsSet_NamedStrategyWinsAndUserIdBeatsSession()
    {
        // Arrange
        await CreateAsync("ab-explicit", ("bm25@1", 50), ("dense@1", 50));

        // Act
        var named = await SearchWithStrategyAsync("ab-explicit", "hybrid-rrf@1", ("X-Session-Id", "s"));
        var asUser = new List<int>();
        for (var s = 0; s < 5; s++)
        {
            asUser.Add((await SearchAsync("ab-explicit", ("X-User-Id", "alice"), ("X-Session-Id", $"s{s}")))["experiment"]!["arm"]!.GetValue<int>());
        }

        var anonymous = await SearchAsync("ab-explicit");

        // Assert
        Assert.Equal("hybrid-rrf@1", named["strategy"]!.GetValue<string>());
        Assert.Null(named["experiment"]);
        Assert.Single(asUser.Distinct());
        Assert.Null(anonymous["experiment"]);
        Assert.Equal(204, await FeedbackStatusAsync(anonymous["queryId"]!.GetValue<Guid>(), "down"));
    }

    [Fact]
    public async Task Create_WhenTheCollectionAlreadyRunsOne_ReturnsProblem409()
    {
        await CreateAsync("ab-conflict", ("bm25@1", 50), ("dense@1", 50));

        using var second = await PostExperimentAsync("ab-conflict", ("hybrid-rrf@1", 50), ("dense@1", 50));

        await AssertProblemAsync(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_WhenArmsAreInvalid_ReturnsProblem400NamingArms()
    {
        using var response = await PostExperimentAsync("ab-invalid", ("bm25@1", 60), ("nope@1", 30));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem["errors"]!["arms"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetAndStop_WhenIdIsUnknown_ReturnProblem404()
    {
        using var get = await Http.GetAsync($"{Route}/{Guid.NewGuid()}", _ct);
        using var stop = await Http.PostAsync($"{Route}/{Guid.NewGuid()}/stop", null, _ct);

        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        await AssertProblemAsync(stop, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feedback_WhenAnswerIsUnknownOrRatingIsBad_ReturnsProblem404Or400()
    {
        var known = (await SearchAsync("ab-feedback"))["queryId"]!.GetValue<Guid>();

        using var unknown = await Http.PostAsJsonAsync("/api/v2/feedback", new { answerId = Guid.NewGuid(), rating = "up" }, _ct);
        using var badRating = await Http.PostAsJsonAsync("/api/v2/feedback", new { answerId = known, rating = "meh" }, _ct);

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await AssertProblemAsync(badRating, HttpStatusCode.BadRequest);
    }

    private async Task<JsonObject> CreateAsync(string collection, params (string Strategy, int Percent)[] arms)
    {
        using var response = await PostExperimentAsync(collection, arms);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        return await DocumentsClient.ReadJsonAsync(response);
    }

    private Task<HttpResponseMessage> PostExperimentAsync(string collection, params (string Strategy, int Percent)[] arms) =>
        Http.PostAsJsonAsync(Route, new { name = $"{collection} test", collection, arms = arms.Select(a => new { strategy = a.Strategy, percent = a.Percent }) }, _ct);

    private Task<JsonObject> SearchAsync(string collection, params (string Name, string Value)[] headers) =>
        SearchWithStrategyAsync(collection, null, headers);

    private async Task<JsonObject> SearchWithStrategyAsync(string collection, string? strategy, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/search") { Content = JsonContent.Create(new { question = "what is compared", collection, strategy }) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DocumentsClient.ReadJsonAsync(response);
    }

    private async Task<int> FeedbackStatusAsync(Guid answerId, string rating, string? comment = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/v2/feedback", new { answerId, rating, comment }, _ct);
        return (int)response.StatusCode;
    }

    private async Task<JsonObject> GetJsonAsync(string route)
    {
        using var response = await Http.GetAsync(route, _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DocumentsClient.ReadJsonAsync(response);
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await DocumentsClient.ReadJsonAsync(response);
    }
}

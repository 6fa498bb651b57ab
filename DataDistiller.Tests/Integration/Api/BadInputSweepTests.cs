using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// Every API route, whatever it is, sent the inputs clients get wrong: unknown and malformed ids, malformed JSON,
/// the wrong content type, an empty body, nonsense query parameters. None may answer 5xx, and every 4xx is a
/// ProblemDetails. New routes are swept without a change here.
/// </summary>
public sealed class BadInputSweepTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string GarbageQuery = "?collection=..%2Fetc&status=zzz&page=-1&pageSize=abc&documentId=nope&topic=%00";

    public static TheoryData<string> Bodies => ["{\"question\": ", "not json", "", "[]", "{\"question\": 42, \"k\": \"many\"}", "null"];

    [Fact]
    public async Task EveryRoute_WithUnknownOrMalformedIdsAndGarbageQueries_NeverAnswers5xx()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (method, pattern) in Routes())
        {
            foreach (var path in Paths(pattern))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path + GarbageQuery);
                using var response = await api.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await AssertNoServerErrorAsync(method, path, response, ct);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task EveryRouteTakingABody_WithABadJsonBody_NeverAnswers5xx(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (method, pattern) in Routes().Where(r => r.Method is "POST" or "PUT" or "PATCH"))
        {
            foreach (var contentType in new[] { "application/json", "text/plain", "application/x-www-form-urlencoded" })
            {
                var path = Paths(pattern).First();
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = new StringContent(body, Encoding.UTF8, contentType),
                };
                using var response = await api.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await AssertNoServerErrorAsync(method, $"{path} ({contentType}: {body})", response, ct);
            }
        }
    }

    private static async Task AssertNoServerErrorAsync(string method, string path, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{method} {path} answered {status}: {await response.Content.ReadAsStringAsync(ct)}");
        if (status >= 400)
        {
            Assert.True(
                response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{method} {path} answered {status} as '{response.Content.Headers.ContentType}', not ProblemDetails");
        }
    }

    private static IEnumerable<string> Paths(string pattern)
    {
        // An id nobody has, then one that is not an id at all, and a traversal attempt.
        yield return ApiRoutes.Fill(pattern, Guid.NewGuid().ToString());
        if (pattern.Contains('{', StringComparison.Ordinal))
        {
            yield return ApiRoutes.Fill(pattern, "not-an-id");
            yield return ApiRoutes.Fill(pattern, "..%2F..%2Fetc%2Fpasswd");
        }
    }

    private IEnumerable<(string Method, string Pattern)> Routes() => ApiRoutes.Of(api.Factory);
}

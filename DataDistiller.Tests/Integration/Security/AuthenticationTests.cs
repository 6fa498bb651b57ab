using System.Net;
using System.Text.Json.Nodes;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>
/// Every <c>/api</c> route the Api maps (swept, so a new route is covered without a change here) refuses a missing or
/// bad token with 401, a non-admin token on admin routes with 403, both as ProblemDetails; probes and docs stay open.
/// </summary>
public sealed class AuthenticationTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadTokens => new()
    {
        { "expired", "The token has expired." },
        { "wrong-signature", "The token's signature is not valid." },
        { "wrong-audience", "The token was not issued for this audience." },
        { "wrong-issuer", "The token was not issued by a trusted issuer." },
        { "garbage", "The token is malformed." },
    };

    [Fact]
    public async Task EveryApiRoute_WithoutAToken_Returns401ProblemWithChallenge()
    {
        foreach (var (method, path) in Routes())
        {
            // Act
            using var response = await SendAsync(method, path, token: null);

            // Assert
            var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, method, path);
            Assert.Contains("needs a bearer token", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task EveryApiRoute_WithABadToken_Returns401SayingWhatIsWrong(string kind, string detail)
    {
        // Arrange
        var dir = api.Factory.DataDirectory;
        var token = kind switch
        {
            "expired" => TestTokens.Expired(dir),
            "wrong-signature" => TestTokens.WronglySigned(dir),
            "wrong-audience" => TestTokens.ForAudience(dir, "someone-else"),
            "wrong-issuer" => TestTokens.FromIssuer(dir, "https://evil.example"),
            _ => "not.a.jwt",
        };

        foreach (var (method, path) in Routes())
        {
            // Act
            using var response = await SendAsync(method, path, token);

            // Assert
            var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, method, path);
            Assert.Equal(detail, problem["detail"]!.GetValue<string>());
            var challenge = response.Headers.WwwAuthenticate.Single();
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryAdminRoute_WithANonAdminToken_Returns403Problem()
    {
        // Arrange: a valid token of the default tenant, without the admin role.
        var token = TestTokens.For(api.Factory.DataDirectory, "default");
        var admin = Routes().Where(r => r.Path.StartsWith("/api/v2/admin/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(admin);

        foreach (var (method, path) in admin)
        {
            // Act
            using var response = await SendAsync(method, path, token);

            // Assert
            var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, method, path);
            Assert.Contains("'admin' role", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not.A.Tenant")]
    public async Task TenantRoutes_WithATokenWithoutAValidTenant_Return403Problem(string? tenant)
    {
        // Arrange
        var token = TestTokens.For(api.Factory.DataDirectory, tenant);

        // Act
        using var response = await SendAsync("GET", "/api/v2/documents", token);

        // Assert
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "GET", "/api/v2/documents");
        Assert.Contains("no valid 'tenant' claim", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    public async Task OperationalRoutes_WithoutAToken_Answer200(string path)
    {
        // Act
        using var response = await SendAsync("GET", path, token: null);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StaticFiles_WithoutAToken_AreServed()
    {
        // Arrange: a web root with an index page, as the UI has (served before authentication runs).
        using var dir = new TempDirectory();
        using var webRoot = new TempDirectory();
        await File.WriteAllTextAsync(webRoot.File("index.html"), "<!doctype html><title>DataDistiller</title>", _ct);
        using var factory = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["webroot"] = webRoot.Path });
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        // Act
        using var root = await anonymous.GetAsync("/", _ct);
        using var index = await anonymous.GetAsync("/index.html", _ct);
        using var api = await anonymous.GetAsync("/api/v2/documents", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("DataDistiller", await root.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task AccessTokenQueryParameter_OnTheEventsRoute_AuthenticatesTheCaller()
    {
        // Arrange: an unknown document, so an authenticated caller gets past authentication (then 404 or the stream).
        var token = TestTokens.For(api.Factory.DataDirectory, "default");
        var path = $"/api/v2/documents/{Guid.NewGuid()}/events";

        // Act
        using var withToken = await SendAsync("GET", $"{path}?access_token={token}", token: null);
        using var without = await SendAsync("GET", path, token: null);

        // Assert
        Assert.NotEqual(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
    }

    [Theory]
    [InlineData("/api/v2/documents")]
    [InlineData("/api/v2/documents/{0}")]
    [InlineData("/api/v2/admin/dlq")]
    public async Task AccessTokenQueryParameter_OnOtherRoutes_IsIgnored(string pattern)
    {
        // Arrange: URLs end up in logs, so only the two browser streaming routes take a token there.
        var token = TestTokens.Admin(api.Factory.DataDirectory);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Guid.NewGuid());

        // Act
        using var response = await SendAsync("GET", $"{path}?access_token={token}", token: null);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private List<(string Method, string Path)> Routes()
    {
        var routes = ApiRoutes.Of(api.Factory).Select(r => (r.Method, ApiRoutes.Fill(r.Pattern, Guid.NewGuid().ToString()))).ToList();
        Assert.True(routes.Count > 10, $"Only {routes.Count} routes were found to sweep.");
        return routes;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        // Set per request: null removes the admin token every client of the fixture carries.
        request.Headers.Authorization = token is null ? null : TestTokens.Bearer(token);
        if (token is null)
        {
            using var anonymous = api.Factory.CreateClient();
            anonymous.DefaultRequestHeaders.Authorization = null;
            return await anonymous.SendAsync(request, _ct);
        }

        return await api.Client.Http.SendAsync(request, _ct);
    }

    private async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string method, string path)
    {
        var text = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        return problem;
    }
}

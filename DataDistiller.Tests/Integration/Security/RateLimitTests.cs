using System.Net;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>
/// Each tenant has its own token bucket: one tenant spending it gets 429 + Retry-After, others are unaffected. Callers
/// without a tenant share one bucket, whatever their address.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private const int Burst = 3;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedApiFactory _factory;

    public RateLimitTests()
    {
        // One token back per hour: nothing refills during the test, so the outcome does not depend on timing.
        _factory = new EmbeddedApiFactory(_dir.Path, new Dictionary<string, string?>
        {
            ["DataDistiller:RateLimits:TokenLimit"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DataDistiller:RateLimits:TokensPerPeriod"] = "1",
            ["DataDistiller:RateLimits:ReplenishmentPeriod"] = "01:00:00",
        });
    }

    [Fact]
    public async Task Requests_OverOneTenantsBurst_Get429WithRetryAfterWhileAnotherTenantIsServed()
    {
        // Arrange
        using var busy = Client("busy");
        using var quiet = Client("quiet");
        for (var i = 0; i < Burst; i++)
        {
            using var allowed = await busy.GetAsync("/api/v2/documents", _ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Act
        using var limited = await busy.GetAsync("/api/v2/documents", _ct);
        using var other = await quiet.GetAsync("/api/v2/documents", _ct);
        using var health = await busy.GetAsync("/health", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Contains("rate limit", (await DocumentsClient.ReadJsonAsync(limited))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Requests_FromAnonymousCallersAtTwoAddresses_ShareOneBucket()
    {
        // Arrange: the first address spends the burst (each request refused 401, but counted)
        using var tenant = Client("busy");
        for (var i = 0; i < Burst; i++)
        {
            var refused = await AnonymousFromAsync("10.0.0.1");
            Assert.Equal(StatusCodes.Status401Unauthorized, refused.Response.StatusCode);
        }

        // Act
        var other = await AnonymousFromAsync("10.0.0.2");
        using var served = await tenant.GetAsync("/api/v2/documents", _ct);

        // Assert
        Assert.Equal(StatusCodes.Status429TooManyRequests, other.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _dir.Dispose();
    }

    private Task<HttpContext> AnonymousFromAsync(string address) =>
        _factory.Server.SendAsync(
            context =>
            {
                context.Request.Method = HttpMethods.Get;
                context.Request.Path = "/api/v2/documents";
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            },
            _ct);

    private HttpClient Client(string tenant)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.For(_dir.Path, tenant));
        return client;
    }
}

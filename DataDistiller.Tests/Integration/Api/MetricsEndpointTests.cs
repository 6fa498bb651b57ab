using System.Net;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class MetricsEndpointTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task Metrics_AfterARequest_ServesPrometheusTextWithTheRequestCounted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var health = await api.Client.Http.GetAsync("/health", ct);
        using var list = await api.Client.Http.GetAsync("/api/v2/documents", ct);

        // Act: the exporter collects on scrape, so the request above may need one scrape to show.
        var text = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await api.Client.Http.GetAsync("/metrics", ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
                return await response.Content.ReadAsStringAsync(ct);
            },
            t => t.Contains("http_server_request_duration_seconds", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the request to appear in /metrics");

        // Assert
        Assert.Contains("/api/v2/documents", text, StringComparison.Ordinal);
    }
}

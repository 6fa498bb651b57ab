using System.Net;
using System.Text;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>DataDistiller:Auth:TenantClaim naming another claim ("org"): only that claim scopes the caller.</summary>
public sealed class TenantClaimMappingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenantClaim_WhenTheTokenAlsoCarriesATenantClaim_ScopesByTheConfiguredClaim()
    {
        // Arrange
        using var factory = Factory();
        using var http = factory.CreateClient();
        var both = TestTokens.WithClaims(_dir.Path, new Dictionary<string, object> { ["org"] = "acme", ["tenant"] = "default" });
        var acme = TestTokens.WithClaims(_dir.Path, new Dictionary<string, object> { ["org"] = "acme" });
        http.DefaultRequestHeaders.Authorization = TestTokens.Bearer(both);
        var id = await new DocumentsClient(http).UploadAsync("a.txt", Encoding.UTF8.GetBytes("Grey herons fish in shallow water."));

        // Act: the same document read with a token of org "acme" alone
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/documents/{id}");
        request.Headers.Authorization = TestTokens.Bearer(acme);
        using var response = await http.SendAsync(request, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TenantClaim_WhenTheTokenCarriesTwoConfiguredClaims_Returns403(bool withTenantClaim)
    {
        // Arrange
        using var factory = Factory();
        using var http = factory.CreateClient();
        var claims = new Dictionary<string, object> { ["org"] = new[] { "acme", "globex" } };
        if (withTenantClaim)
        {
            claims["tenant"] = "acme";
        }

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/documents");
        request.Headers.Authorization = TestTokens.Bearer(TestTokens.WithClaims(_dir.Path, claims));
        using var response = await http.SendAsync(request, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => _dir.Dispose();

    private EmbeddedApiFactory Factory() =>
        new(_dir.Path, new Dictionary<string, string?> { ["DataDistiller:Auth:TenantClaim"] = "org" });
}

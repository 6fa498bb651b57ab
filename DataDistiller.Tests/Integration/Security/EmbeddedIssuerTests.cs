using System.Net;
using System.Net.Http.Json;
using DataDistiller.Endpoints.Security;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Security;

/// <summary>
/// The quick start's issuer: admin.token and the signing key are written owner-only, the key outlives a restart (so
/// tokens do), the token route mints working tokens for other tenants, and a configured provider switches it all off.
/// </summary>
public sealed class EmbeddedIssuerTests : IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Start_WithoutAProvider_WritesAnOwnerOnlyAdminTokenThatWorksOnAdminRoutes()
    {
        // Arrange
        using var factory = new EmbeddedApiFactory(_dir.Path);
        using var client = factory.CreateClient();

        // Act: the client carries the token read from the file.
        using var response = await client.GetAsync("/api/v2/admin/dlq", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { EmbeddedTokenIssuer.AdminTokenFileName, EmbeddedTokenIssuer.KeyFileName })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File(file)));
            }
        }
    }

    [Fact]
    public async Task Restart_OnTheSameDataDirectory_KeepsTheKeySoMintedTokensStillWork()
    {
        // Arrange: a token minted by the first start.
        string token;
        string adminToken;
        using (var first = new EmbeddedApiFactory(_dir.Path))
        {
            using var admin = first.CreateClient();
            token = await MintAsync(admin, new { subject = "alice", tenant = "acme" });
            adminToken = TestTokens.Admin(_dir.Path);
        }

        // Act
        using var second = new EmbeddedApiFactory(_dir.Path);
        using var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(token);
        using var response = await client.GetAsync("/api/v2/documents", _ct);

        // Assert: still valid, and the still-fresh admin token was kept, not replaced.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(adminToken, TestTokens.Admin(_dir.Path));
    }

    [Fact]
    public async Task MintToken_ForAnotherTenant_ReturnsATokenActingForThatTenant()
    {
        // Arrange
        using var factory = new EmbeddedApiFactory(_dir.Path);
        using var admin = factory.CreateClient();
        var token = await MintAsync(admin, new { subject = "bob", tenant = "acme", lifetime = "01:00:00" });
        using var acme = factory.CreateClient();
        acme.DefaultRequestHeaders.Authorization = TestTokens.Bearer(token);

        // Act: acme uploads; the default tenant (the admin token) lists.
        var documents = new DocumentsClient(acme);
        var id = await documents.UploadAsync("note.txt", "Acme keeps its anvils in the north shed."u8.ToArray(), "tools");
        using var mine = await acme.GetAsync($"/api/v2/documents/{id}", _ct);
        using var theirs = await admin.GetAsync($"/api/v2/documents/{id}", _ct);
        using var adminOnly = await acme.GetAsync("/api/v2/admin/dlq", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("tools", (await DocumentsClient.ReadJsonAsync(mine))["collection"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOnly.StatusCode);
    }

    [Theory]
    [InlineData("{\"subject\":\"x\",\"tenant\":\"Not Valid\"}", "Tenant 'Not Valid' is not a valid name")]
    [InlineData("{\"subject\":\"x\",\"tenant\":\"acme\",\"lifetime\":\"-01:00:00\"}", "lifetime must be more than zero")]
    [InlineData("{\"subject\":\"x\",\"tenant\":\"acme\",\"lifetime\":\"9999.00:00:00\"}", "lifetime must be more than zero")]
    [InlineData("{\"subject\":\"x\",\"tenant\":\"acme\",\"roles\":[\"a b\"]}", "Role 'a b' is not valid")]
    public async Task MintToken_WithBadInput_Returns400Problem(string body, string detail)
    {
        // Arrange
        using var factory = new EmbeddedApiFactory(_dir.Path);
        using var admin = factory.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        // Act
        using var response = await admin.PostAsync("/api/v2/admin/tokens", content, _ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await DocumentsClient.ReadJsonAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithConfiguredSigningKeys_ValidatesAgainstThemAndMintsNothing()
    {
        // Arrange: a provider's fixed key (as `dotnet user-jwts` configures it); no embedded issuer then.
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        using var factory = new EmbeddedApiFactory(_dir.Path, new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:ValidIssuer"] = "https://idp.example",
            ["Authentication:Schemes:Bearer:ValidAudience"] = "datadistiller-api",
            ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = "https://idp.example",
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(key),
        });
        using var client = factory.CreateClient();
        var admin = TestTokens.WithKey(key, "https://idp.example", "datadistiller-api", "default", "admin");
        var wrongAudience = TestTokens.WithKey(key, "https://idp.example", EmbeddedTokenIssuer.Audience, "default", "admin");

        // Act
        using var minted = await PostWithAsync(client, admin, "/api/v2/admin/tokens", new { subject = "x", tenant = "acme" });
        using var listed = await GetWithAsync(client, admin, "/api/v2/documents");
        using var refused = await GetWithAsync(client, wrongAudience, "/api/v2/documents");

        // Assert
        Assert.False(File.Exists(_dir.File(EmbeddedTokenIssuer.AdminTokenFileName)));
        Assert.Equal(HttpStatusCode.Conflict, minted.StatusCode);
        Assert.Contains("identity provider", (await DocumentsClient.ReadJsonAsync(minted))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<string> MintAsync(HttpClient admin, object request)
    {
        using var response = await admin.PostAsJsonAsync("/api/v2/admin/tokens", request, _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DocumentsClient.ReadJsonAsync(response);
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        return body["token"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> GetWithAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = TestTokens.Bearer(token);
        return await client.SendAsync(request, _ct);
    }

    private async Task<HttpResponseMessage> PostWithAsync(HttpClient client, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = TestTokens.Bearer(token);
        return await client.SendAsync(request, _ct);
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using DataDistiller.Endpoints.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataDistiller.Tests.Support;

/// <summary>
/// Tokens for tests: the admin token the embedded issuer wrote, and tokens signed with the data directory's key (or
/// deliberately wrong ones) built the way any JWT library would, so the hosts are tested as a real client sees them.
/// </summary>
public static class TestTokens
{
    public static string Admin(string dataDirectory) =>
        File.ReadAllText(Path.Combine(dataDirectory, EmbeddedTokenIssuer.AdminTokenFileName)).Trim();

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>A token signed with the data directory's key, for <paramref name="tenant"/> (no tenant claim when null).</summary>
    public static string For(string dataDirectory, string? tenant, params string[] roles) =>
        Create(dataDirectory, tenant, roles);

    public static string Expired(string dataDirectory) =>
        Create(dataDirectory, "default", [], notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1));

    public static string WronglySigned(string dataDirectory) =>
        Create(dataDirectory, "default", [], key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));

    public static string ForAudience(string dataDirectory, string audience) =>
        Create(dataDirectory, "default", [], audience: audience);

    public static string FromIssuer(string dataDirectory, string issuer) =>
        Create(dataDirectory, "default", [], issuer: issuer);

    /// <summary>A token signed with the data directory's key carrying exactly <paramref name="claims"/> besides <c>sub</c>.</summary>
    public static string WithClaims(string dataDirectory, IReadOnlyDictionary<string, object> claims) =>
        Create(dataDirectory, tenant: null, [], extra: claims);

    /// <summary>A token signed with <paramref name="key"/>, as a configured identity provider would issue it.</summary>
    public static string WithKey(byte[] key, string issuer, string audience, string tenant, params string[] roles) =>
        Create(string.Empty, tenant, roles, new SymmetricSecurityKey(key), issuer, audience);

    private static string Create(
        string dataDirectory,
        string? tenant,
        string[] roles,
        SecurityKey? key = null,
        string issuer = EmbeddedTokenIssuer.Issuer,
        string audience = EmbeddedTokenIssuer.Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        IReadOnlyDictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "test-user" };
        foreach (var (type, value) in extra ?? new Dictionary<string, object>())
        {
            claims[type] = value;
        }

        if (tenant is not null)
        {
            claims["tenant"] = tenant;
        }

        if (roles.Length > 0)
        {
            claims["role"] = roles;
        }

        var from = notBefore ?? DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = from,
            NotBefore = from,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? SigningKey(dataDirectory), SecurityAlgorithms.HmacSha256),
        });
    }

    private static SymmetricSecurityKey SigningKey(string dataDirectory) =>
        new(Convert.FromBase64String(File.ReadAllText(Path.Combine(dataDirectory, EmbeddedTokenIssuer.KeyFileName)).Trim()));
}

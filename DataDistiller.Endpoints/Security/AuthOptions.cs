using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// Which claims carry the tenant and the roles, which role is the operator's, and how long the embedded issuer's tokens
/// live. Issuer, audience and keys are JwtBearer's own settings under <c>Authentication:Schemes:Bearer</c>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "DataDistiller:Auth";

    /// <summary>
    /// The embedded issuer's HMAC key (at least 32 characters; a secret: user secrets, an Aspire parameter or the
    /// environment, never appsettings). When unset, a random key is kept in <c>&lt;DataDirectory&gt;/jwt-signing.key</c>.
    /// Hosts that must accept each other's tokens on different data directories share it.
    /// </summary>
    [MinLength(32)]
    public string? SigningKey { get; set; }

    [Required]
    public string TenantClaim { get; set; } = CallerTenant.ClaimType;

    [Required]
    public string RoleClaim { get; set; } = "role";

    [Required]
    public string AdminRole { get; set; } = "admin";

    /// <summary>Lifetime of the embedded issuer's <c>admin.token</c>; it is written again on a start after it expired.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan AdminTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of a token minted by <c>POST /api/v2/admin/tokens</c> that names none.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest lifetime a minted token may ask for.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(365);
}

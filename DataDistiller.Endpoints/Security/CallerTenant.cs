using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using DataDistiller.Core.Documents;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// The tenant a request acts for, from its token's tenant claim: the one place the tenant is read, so every route,
/// the rate limiter and live events agree on it.
/// </summary>
public static class CallerTenant
{
    public const string ClaimType = "tenant";

    /// <summary>The caller's tenant; the authorization fallback policy has already refused callers without a valid one.</summary>
    public static string Of(ClaimsPrincipal user) =>
        TryOf(user, out var tenant)
            ? tenant
            : throw new InvalidOperationException("The caller has no valid tenant claim; the route must not be anonymous.");

    public static bool TryOf(ClaimsPrincipal user, [NotNullWhen(true)] out string? tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Exactly one: a token naming two tenants is ambiguous, and picking one would be a guess.
        var claims = user.Identity?.IsAuthenticated == true ? user.FindAll(ClaimType).Take(2).ToList() : [];
        tenant = claims.Count == 1 ? claims[0].Value : null;
        if (tenant is not null && CollectionAddress.IsValidTenant(tenant))
        {
            return true;
        }

        tenant = null;
        return false;
    }

    /// <summary>The stored key of <paramref name="collection"/> for the caller's tenant.</summary>
    public static CollectionAddress Collection(ClaimsPrincipal user, string collection) => new(Of(user), collection);

    /// <summary>Whether the stored collection key <paramref name="key"/> belongs to the caller's tenant.</summary>
    public static bool Owns(ClaimsPrincipal user, string key) => CollectionAddress.IsOwnedBy(key, Of(user));

    /// <summary>
    /// Whether the caller may see <paramref name="document"/>. A document of another tenant, or one being deleted (its
    /// tombstone only serves the pipeline), is answered exactly like an unknown one: its existence is not ours to reveal.
    /// </summary>
    public static bool IsVisibleTo([NotNullWhen(true)] this DocumentRecord? document, ClaimsPrincipal user) =>
        document is not null && document.Status != DocumentStatus.Deleted && Owns(user, document.Collection);
}

using System.Security.Claims;
using DataDistiller.Core.Documents;

namespace DataDistiller.Endpoints.Security;

/// <summary>The tenant a request acts for, from its token's tenant claim.</summary>
public static class CallerTenant
{
    public const string ClaimType = "tenant";

    // Transitional: until JWT authentication is wired, an unauthenticated caller acts for the default tenant.
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimType)?.Value ?? CollectionAddress.DefaultTenant;
    }

    /// <summary>The stored key of <paramref name="collection"/> for the caller's tenant.</summary>
    public static CollectionAddress Collection(ClaimsPrincipal user, string collection) => new(Of(user), collection);
}

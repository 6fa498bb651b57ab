using DataDistiller.Core.Documents;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Tokens;

/// <summary>POST /api/v2/admin/tokens: signs a token with the embedded issuer's key.</summary>
public static class MintToken
{
    private const int MaxRoleLength = 64;

    public static Results<Ok<MintTokenResponse>, ProblemHttpResult> Handle(
        MintTokenRequest request, EmbeddedTokenIssuer issuer, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(options);
        if (!issuer.IsActive)
        {
            return Problems.Conflict(
                "This service does not mint tokens: an identity provider is configured (Authentication:Schemes:Bearer), so tokens come from it.");
        }

        var limits = options.Value;
        var subject = request.Subject!.Trim();
        if (subject.Length == 0)
        {
            return Problems.BadRequest("subject must not be blank.");
        }

        if (!CollectionAddress.IsValidTenant(request.Tenant))
        {
            return Problems.BadRequest($"Tenant '{request.Tenant}' is not a valid name: use 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        var roles = request.Roles ?? [];
        if (roles.FirstOrDefault(r => string.IsNullOrWhiteSpace(r) || r.Length > MaxRoleLength || r.Any(char.IsWhiteSpace)) is { } badRole)
        {
            return Problems.BadRequest($"Role '{badRole}' is not valid: use 1 to {MaxRoleLength} characters without spaces.");
        }

        var lifetime = request.Lifetime ?? limits.TokenLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > limits.MaxTokenLifetime)
        {
            return Problems.BadRequest($"lifetime must be more than zero and at most {limits.MaxTokenLifetime} (DataDistiller:Auth:MaxTokenLifetime).");
        }

        var distinctRoles = roles.Distinct(StringComparer.Ordinal).ToArray();
        var minted = issuer.Mint(subject, request.Tenant!, distinctRoles, lifetime);
        return TypedResults.Ok(new MintTokenResponse(minted.Token, minted.ExpiresAt, subject, request.Tenant!, distinctRoles));
    }
}

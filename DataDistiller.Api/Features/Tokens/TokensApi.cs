using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;

namespace DataDistiller.Api.Features.Tokens;

/// <summary>The admin route that mints tokens for other users and tenants (embedded issuer only).</summary>
public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/admin/tokens").WithTags("Tokens").WithJsonBodyLimit().RequireAdmin();
        group.MapPost("/", MintToken.Handle).WithName("MintToken")
            .WithSummary("Mints a signed token for a subject in a tenant, with optional roles and lifetime")
            .WithDescription("Only while the embedded issuer is active (no identity provider under Authentication:Schemes:Bearer); otherwise 409: tokens come from the provider.");
        return group;
    }
}

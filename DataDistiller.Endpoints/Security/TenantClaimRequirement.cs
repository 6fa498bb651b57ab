using Microsoft.AspNetCore.Authorization;

namespace DataDistiller.Endpoints.Security;

/// <summary>The fallback policy's rule: a valid tenant claim, since every store key is scoped by it.</summary>
public sealed class TenantClaimRequirement : AuthorizationHandler<TenantClaimRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantClaimRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CallerTenant.TryOf(context.User, out _))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

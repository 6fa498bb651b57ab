using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DataDistiller.Endpoints.Security;

/// <summary>403 answers as ProblemDetails naming the rule the token failed (tenant claim or role); challenges go to the bearer scheme.</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
        var detail = failed.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles
            ? $"This route needs the '{string.Join("' or '", roles.AllowedRoles)}' role, which the token does not have."
            : failed.OfType<TenantClaimRequirement>().Any()
                ? $"The token has no valid '{CallerTenant.ClaimType}' claim (1 to 64 lowercase letters, digits, '-' or '_')."
                : "The token does not allow this request.";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail },
        }).ConfigureAwait(false);
    }
}

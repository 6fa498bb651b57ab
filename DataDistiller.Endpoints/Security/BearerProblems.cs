using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// 401 answers as ProblemDetails that say what is wrong with the token, with the RFC 6750 WWW-Authenticate header
/// clients rely on. The detail is ours, never the exception's message (it can echo token contents).
/// </summary>
public static class BearerProblems
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var detail = Describe(context.AuthenticateFailure);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{detail}\"";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Authentication is required", Detail = detail },
        }).ConfigureAwait(false);
    }

    public static string Describe(Exception? failure) => failure switch
    {
        null => "This route needs a bearer token: send 'Authorization: Bearer <token>'.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token was not issued for this audience.",
        SecurityTokenInvalidIssuerException => "The token was not issued by a trusted issuer.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => "The token is not valid.",
    };
}

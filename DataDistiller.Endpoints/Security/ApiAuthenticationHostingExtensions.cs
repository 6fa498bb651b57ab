using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// JWT bearer authentication, tenant and admin authorization and per-tenant rate limits, shared by the Api and
/// Retrieval hosts so a token good for one is good for the other.
/// </summary>
public static class ApiAuthenticationHostingExtensions
{
    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.AddSingleton<EmbeddedTokenIssuer>();
        services.AddHostedService<AuthStartup>();

        // AddJwtBearer binds Authentication:Schemes:Bearer (Authority, ValidIssuer(s), ValidAudience(s), SigningKeys)
        // itself; what follows runs after that binding.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<EmbeddedTokenIssuer, IOptions<AuthOptions>>((bearer, issuer, auth) => ConfigureBearer(bearer, issuer, auth.Value));

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new TenantClaimRequirement()).Build());
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, auth) =>
            authorization.AddPolicy(ApiAuthorization.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(auth.Value.AdminRole)));
        services.AddRateLimiter(ConfigureRateLimiter);
        return builder;
    }

    /// <summary>
    /// Authentication, then the rate limiter (so it knows the tenant, and anonymous guessing is limited per address),
    /// then authorization. Static files must be served before this so the UI stays anonymous.
    /// </summary>
    public static WebApplication UseApiAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, EmbeddedTokenIssuer issuer, AuthOptions auth)
    {
        // Claims keep their JWT names ("sub", "role", "tenant"), whatever the provider.
        bearer.MapInboundClaims = false;
        if (issuer.IsActive)
        {
            bearer.TokenValidationParameters = issuer.ValidationParameters(auth);
        }
        else
        {
            bearer.TokenValidationParameters.NameClaimType = JwtRegisteredClaimNames.Sub;
            bearer.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
        }

        bearer.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (!context.Request.Headers.ContainsKey("Authorization") && QueryStringToken.IsAllowed(context.Request.Path))
                {
                    context.Token = context.Request.Query[QueryStringToken.ParameterName].ToString() is { Length: > 0 } token ? token : null;
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                // A provider may name the tenant claim otherwise; CallerTenant reads one name only. Only the configured claim
                // scopes the caller: a "tenant" claim of the token's own is dropped, and two configured claims copy none, so
                // the fallback policy refuses the ambiguous token (403) as CallerTenant's exactly-one rule would.
                if (auth.TenantClaim != CallerTenant.ClaimType && context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    foreach (var stray in identity.FindAll(CallerTenant.ClaimType).ToList())
                    {
                        identity.RemoveClaim(stray);
                    }

                    if (identity.FindAll(auth.TenantClaim).Take(2).ToList() is [var tenant])
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(CallerTenant.ClaimType, tenant.Value));
                    }
                }

                return Task.CompletedTask;
            },
            OnChallenge = BearerProblems.ChallengeAsync,
        };
    }

    private static void ConfigureRateLimiter(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            // Probes, scrapes and the API description stay unlimited; everything else is limited per tenant (or address).
            if (!limits.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            // Callers without a tenant share one bucket: authorization refuses them (401/403) anyway, so the bucket only
            // protects the server, and one per remote address would let a spray of addresses create limiters without end.
            var partition = CallerTenant.TryOf(context.User, out var tenant) ? "tenant:" + tenant : "anonymous";
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.TokenLimit,
                TokensPerPeriod = limits.TokensPerPeriod,
                ReplenishmentPeriod = limits.ReplenishmentPeriod,
                QueueLimit = 0,
                // The partitioned limiter's own heartbeat replenishes every bucket; auto-replenishing would add a timer per tenant.
                AutoReplenishment = false,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.ReplenishmentPeriod;
            var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"The rate limit of this tenant is spent; try again in {seconds} s.",
                },
            }).ConfigureAwait(false);
        };
    }
}

using System.Globalization;
using DataDistiller.Core.Ports;
using Microsoft.AspNetCore.Diagnostics;

namespace DataDistiller.Endpoints;

/// <summary>
/// Turns a dependency that is down or behind an open circuit into 503 + Retry-After ProblemDetails on every route, so
/// a client backs off and tries again instead of seeing a 500; handlers need no code for it.
/// </summary>
public sealed class DependencyProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not DependencyUnavailableException unavailable)
        {
            return false;
        }

        var retryAfter = (int)Math.Max(1, Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A dependency is unavailable",
                Detail = $"The {unavailable.Dependency} is unavailable ({unavailable.Reason}); try again in {retryAfter} s.",
            },
        });
    }
}

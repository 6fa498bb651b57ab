using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Endpoints;

/// <summary>
/// ProblemDetails for requests the framework refuses before a handler runs (a body that is not JSON, a wrong content
/// type): the status the framework chose and a detail a person can act on, instead of a bare "Bad Request".
/// </summary>
public static class RequestProblems
{
    public static IServiceCollection AddRequestProblems(this IServiceCollection services)
    {
        // Let binding failures reach the exception handler, where they get a detail; their status stays the framework's.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A dependency down or behind an open circuit: 503 + Retry-After instead of a 500, on every route.
        services.AddExceptionHandler<DependencyProblems>();
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
    }

    private static void Customize(ProblemDetailsContext context)
    {
        CamelCaseValidationErrors.Apply(context);
        if (context.Exception is BadHttpRequestException bad)
        {
            context.ProblemDetails.Title = "The request is invalid";
            context.ProblemDetails.Detail = Describe(bad, context.HttpContext.Request);
        }
        else if (context.ProblemDetails is { Status: StatusCodes.Status415UnsupportedMediaType, Detail: null })
        {
            // A JSON route refuses another content type without throwing; the status code page comes here.
            context.ProblemDetails.Detail = UnsupportedContentType(context.HttpContext.Request);
        }
    }

    private static string UnsupportedContentType(HttpRequest request) => $"This route takes 'application/json', not '{request.ContentType}'.";

    // Never the exception's own message: it can echo internals. The cause's type says enough to act on.
    private static string Describe(BadHttpRequestException bad, HttpRequest request) => bad switch
    {
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => UnsupportedContentType(request),
        { InnerException: JsonException } => "The request body is not valid JSON, or a field has the wrong type.",
        _ when request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0 => "The request body is empty: send a JSON object.",
        _ => "The request could not be read.",
    };
}

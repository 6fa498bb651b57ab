using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
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
            context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request is too large" : "The request is invalid";
            context.ProblemDetails.Detail = Describe(bad, context.HttpContext.Request);
        }
        else if (context.ProblemDetails is { Status: StatusCodes.Status415UnsupportedMediaType, Detail: null })
        {
            // A JSON route refuses another content type without throwing; the status code page comes here.
            context.ProblemDetails.Detail = UnsupportedContentType(context.HttpContext.Request);
        }
        else if (context.ProblemDetails is { Status: StatusCodes.Status413PayloadTooLarge, Detail: null })
        {
            // A declared Content-Length over the route's limit is refused before the body is read.
            context.ProblemDetails.Detail = TooLarge;
        }
    }

    private const string TooLarge = "The request body is over this route's size limit.";

    private static string UnsupportedContentType(HttpRequest request)
    {
        // The exception handler clears the endpoint before it writes; its feature keeps the one that failed.
        var endpoint = request.HttpContext.GetEndpoint() ?? request.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var accepted = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types
            ? string.Join("' or '", types)
            : "application/json";
        return $"This route takes '{accepted}', not '{request.ContentType}'.";
    }

    // Never the exception's own message: it can echo internals. The cause's type says enough to act on.
    private static string Describe(BadHttpRequestException bad, HttpRequest request) => bad switch
    {
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => UnsupportedContentType(request),
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge,
        { InnerException: JsonException } => "The request body is not valid JSON, or a field has the wrong type.",
        _ when request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0 => "The request body is empty: send a JSON object.",
        _ => "The request could not be read.",
    };
}

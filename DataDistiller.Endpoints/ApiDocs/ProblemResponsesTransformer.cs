using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>
/// Documents the ProblemDetails answers every route can give, from what the route is (its path, body and
/// authorization), so a new route is documented without per-route boilerplate and none can be forgotten: 400 for
/// input, 401/403 for tokens and roles, 404 for ids, 413/415 for bodies, 429 for rate limits, 503 for dependencies.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemSchemaId = "ProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (description.RelativePath ?? string.Empty);
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = operation.RequestBody is not null
            || description.SupportedRequestFormats.Count > 0
            || description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form" or "FormFile");
        var hasInput = hasBody || description.ParameterDescriptions.Count > 0;

        var problem = await ProblemSchemaAsync(context, cancellationToken).ConfigureAwait(false);
        operation.Responses ??= [];
        void Add(int status, string text)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = text,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/problem+json"] = new() { Schema = problem },
                    },
                };
            }
        }

        if (hasInput)
        {
            Add(StatusCodes.Status400BadRequest, "The request is invalid: the detail (and `errors`, per field) says what to fix.");
        }

        if (!anonymous)
        {
            Add(StatusCodes.Status401Unauthorized, "No token, or an expired, wrongly signed or wrongly addressed one.");
            Add(StatusCodes.Status403Forbidden, path.StartsWith("/api/v2/admin", StringComparison.Ordinal)
                ? "The token lacks the admin role."
                : "The token has no valid tenant claim.");

            Add(StatusCodes.Status429TooManyRequests, "The tenant's rate limit is spent; Retry-After says when to try again.");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(StatusCodes.Status404NotFound, "No such resource for this tenant.");
        }

        if (hasBody)
        {
            Add(StatusCodes.Status413PayloadTooLarge, "The body is over the size limit.");
            Add(StatusCodes.Status415UnsupportedMediaType, "The body's content type is not one this route takes.");
        }

        Add(StatusCodes.Status503ServiceUnavailable, "A dependency is down or behind an open circuit; Retry-After says when to try again.");
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (document is null)
        {
            return await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken).ConfigureAwait(false);
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(ProblemSchemaId))
        {
            document.Components.Schemas[ProblemSchemaId] =
                await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken).ConfigureAwait(false);
        }

        return new OpenApiSchemaReference(ProblemSchemaId, document);
    }
}

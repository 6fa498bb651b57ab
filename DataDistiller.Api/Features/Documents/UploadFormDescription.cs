using Microsoft.OpenApi;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// Describes the upload's multipart form in the OpenAPI document. Not with <c>Accepts</c>: that makes routing refuse
/// other content types itself, with an endpoint-less 415 that cannot say what the route takes; the handler says it.
/// </summary>
public static class UploadFormDescription
{
    public static RouteHandlerBuilder DescribeUploadForm(this RouteHandlerBuilder builder) =>
        builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["multipart/form-data"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(UploadForm), null, cancellationToken).ConfigureAwait(false) },
                },
            };
        });
}

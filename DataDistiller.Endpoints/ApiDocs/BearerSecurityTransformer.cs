using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>
/// Declares the bearer-JWT scheme and requires it on every operation that is not anonymous, so clients generated from
/// the document send the token, and Scalar offers a field for it.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeId = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with a `tenant` claim (and role `admin` for /api/v2/admin). The embedded mode writes one to <DataDirectory>/admin.token.",
        };

        var anonymous = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            .Select(d => ("/" + d.RelativePath, d.HttpMethod))
            .ToHashSet();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (!anonymous.Contains((path, method.Method)))
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, document)] = [] }];
                }
            }
        }

        return Task.CompletedTask;
    }
}

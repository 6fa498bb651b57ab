using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>Puts each registered <see cref="ApiExamples"/> instance on its type's schema, serialized as the API sends it.</summary>
public sealed class ExampleSchemaTransformer(IOptions<ApiExamples> examples, IOptions<JsonOptions> json) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is null && examples.Value.ByType.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Example = JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Type, json.Value.SerializerOptions);
        }

        return Task.CompletedTask;
    }
}

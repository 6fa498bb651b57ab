using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and Scalar's reference at <c>/scalar</c>, for every host that serves routes.</summary>
public static class ApiDocsHostingExtensions
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder, Action<ApiExamples>? examples = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiDocsOptions>().BindConfiguration(ApiDocsOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<ApiExamples>().Configure(e => examples?.Invoke(e));
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddSchemaTransformer<ExampleSchemaTransformer>();
        });
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        if (app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value.Scalar)
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}

namespace DataDistiller.Api.Features.Documents;

/// <summary>Registers <see cref="UploadBodyReader"/>, <see cref="DocumentUploads"/> and its validated <see cref="IdempotencyOptions"/>.</summary>
public static class DocumentUploadsHostingExtensions
{
    public static IHostApplicationBuilder AddDocumentUploads(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UploadBodyReader>();
        builder.Services.AddSingleton<DocumentUploads>();
        return builder;
    }
}

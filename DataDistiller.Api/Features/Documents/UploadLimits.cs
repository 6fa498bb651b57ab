using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Documents;

/// <summary>Applies <see cref="UploadOptions"/> to Kestrel and the multipart form reader.</summary>
public static class UploadLimits
{
    public static IHostApplicationBuilder AddUploadLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<UploadOptions>>((kestrel, upload) => kestrel.Limits.MaxRequestBodySize = upload.Value.MaxRequestBytes);
        builder.Services.AddOptions<FormOptions>()
            .Configure<IOptions<UploadOptions>>((form, upload) =>
            {
                form.MultipartBodyLengthLimit = upload.Value.MaxRequestBytes;
                form.ValueCountLimit = upload.Value.MaxFilesPerRequest + 16;
            });
        return builder;
    }
}

using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Onnx;

public static class OnnxRerankingHostingExtensions
{
    /// <summary>
    /// Registers the local ONNX cross-encoder as the <see cref="IReranker"/>, configured from
    /// <see cref="OnnxRerankerOptions.SectionName"/>; call before <c>AddRetrieval()</c> so it replaces the fallback.
    /// </summary>
    public static IHostApplicationBuilder AddOnnxReranker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OnnxRerankerOptions>()
            .BindConfiguration(OnnxRerankerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxRerankerOptions>, OnnxRerankerOptionsValidator>());
        builder.Services.AddOptions<DataDirectoryOptions>().BindConfiguration(DataDirectoryOptions.SectionName);

        builder.Services.AddHttpClient(ModelCacheDownloader.HttpClientName);
        builder.Services.TryAddSingleton<ModelCacheDownloader>();
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRerankerOptions>>().Value;
            var cache = options.CacheDirectory is { Length: > 0 } configured
                ? Path.GetFullPath(configured, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)
                : Path.Combine(EmbeddedHostingExtensions.DataDirectory(sp), "models", options.ModelName);
            return new RerankerModelSource(options, cache, sp.GetRequiredService<ModelCacheDownloader>());
        });
        builder.Services.TryAddSingleton(sp => new OnnxCrossEncoderReranker(
            sp.GetRequiredService<IOptions<OnnxRerankerOptions>>().Value, sp.GetRequiredService<RerankerModelSource>()));
        builder.Services.TryAddSingleton<IReranker>(sp => sp.GetRequiredService<OnnxCrossEncoderReranker>());
        return builder;
    }
}

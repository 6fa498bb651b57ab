using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Infrastructure.Onnx;

public static class OnnxEmbeddingsHostingExtensions
{
    /// <summary>
    /// Registers the local ONNX embedder as the singleton <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> and its
    /// <see cref="Tokenizer"/>, configured from <see cref="OnnxEmbeddingOptions.SectionName"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOnnxEmbeddings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OnnxEmbeddingOptions>()
            .BindConfiguration(OnnxEmbeddingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxEmbeddingOptions>, OnnxEmbeddingOptionsValidator>());

        // One generator behind every registration: the model is loaded once per process.
        builder.Services.AddSingleton(sp => new OnnxEmbeddingGenerator(sp.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value));
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>());
        builder.Services.AddSingleton<Tokenizer>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>().Tokenizer);
        return builder;
    }
}

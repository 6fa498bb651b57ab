using DataDistiller.Infrastructure.Chat;
using DataDistiller.Infrastructure.Ollama;
using DataDistiller.Infrastructure.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>The embedding model chosen from configuration.</summary>
public static class EmbeddingAdaptersHostingExtensions
{
    private const string Port = "embeddings";

    /// <summary>
    /// <c>ConnectionStrings:ollama</c> and <c>DataDistiller:Models:Embedder:OllamaModel</c> → Ollama; otherwise the packaged
    /// ONNX model. The ONNX model's WordPiece tokenizer stays registered either way: chunk sizes are counted with it.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOnnxEmbeddings();
        var ollamaModel = builder.Configuration[$"{OllamaEmbeddingOptions.SectionName}:{nameof(OllamaEmbeddingOptions.OllamaModel)}"];
        string adapter;
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ChatConnectionNames.Ollama)) && !string.IsNullOrWhiteSpace(ollamaModel))
        {
            // Registered after the ONNX generator, so it is the one IEmbeddingGenerator resolves to.
            builder.AddOllamaEmbeddings();
            adapter = $"Ollama ({ollamaModel})";
        }
        else
        {
            adapter = "ONNX (packaged model)";
        }

        builder.Services.AddSingleton(new AdapterChoice(Port, adapter));
        return builder;
    }
}

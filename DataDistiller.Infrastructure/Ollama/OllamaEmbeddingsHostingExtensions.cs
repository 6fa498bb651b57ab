using DataDistiller.Infrastructure.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OllamaSharp;

namespace DataDistiller.Infrastructure.Ollama;

public static class OllamaEmbeddingsHostingExtensions
{
    /// <summary>
    /// Registers the Ollama embedding model (<c>DataDistiller:Models:Embedder:OllamaModel</c>) at <c>ConnectionStrings:ollama</c>
    /// as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>; the HTTP client is built at first use.
    /// </summary>
    public static IHostApplicationBuilder AddOllamaEmbeddings(this IHostApplicationBuilder builder, string connectionName = ChatConnectionNames.Ollama)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = ChatConnectionString.Require(builder.Configuration, connectionName);
        builder.Services.AddOptions<OllamaEmbeddingOptions>().BindConfiguration(OllamaEmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OllamaEmbeddingOptions>>().Value;
            var http = new HttpClient { BaseAddress = connection.Endpoint, Timeout = options.OllamaTimeout };
            return new OllamaEmbeddingGenerator(new OllamaApiClient(http, options.OllamaModel!), connection.Endpoint, options);
        });
        return builder;
    }
}

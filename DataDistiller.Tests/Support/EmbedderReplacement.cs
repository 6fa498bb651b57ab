using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataDistiller.Tests.Support;

/// <summary>Puts a test's embedder (gated, slow, poisonable) in place of the packaged model of a host.</summary>
public static class EmbedderReplacement
{
    public static WebApplicationFactory<Program> WithEmbedder(
        this WebApplicationFactory<Program> factory, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
            services.AddSingleton(embedder);
        }));
    }
}

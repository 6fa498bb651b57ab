using DataDistiller.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.HttpReranking;

public static class HttpRerankingHostingExtensions
{
    /// <summary>The connection string that names the re-ranking server.</summary>
    public const string ConnectionName = "reranker";

    /// <summary>
    /// Registers the HTTP re-ranker of <c>ConnectionStrings:reranker</c> as the <see cref="IReranker"/>, configured from
    /// <see cref="HttpRerankerOptions.SectionName"/>; call before <c>AddRetrieval()</c> so it replaces the fallback.
    /// </summary>
    public static IHostApplicationBuilder AddHttpReranker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not set.");
        builder.Services.AddOptions<HttpRerankerOptions>().BindConfiguration(HttpRerankerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(RerankerConnection.Parse(connectionString));
        builder.Services.AddHttpClient<HttpReranker>()
            // Singletons hold the typed client for the process: connections are recycled instead of handlers, so DNS changes still arrive.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.TryAddSingleton<IReranker>(sp => sp.GetRequiredService<HttpReranker>());
        return builder;
    }
}

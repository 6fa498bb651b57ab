using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using global::Qdrant.Client;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>
/// A Qdrant client registration shaped like Aspire.Qdrant.Client's (same keys, a health check), so moving to the
/// official package changes one line, and the chunk index over it.
/// </summary>
public static class QdrantHostingExtensions
{
    public const string ConnectionName = "qdrant";

    /// <summary>
    /// Registers a <see cref="QdrantClient"/> from <c>ConnectionStrings:{connectionName}</c> and <c>Aspire:Qdrant:Client</c>.
    /// It is built at first use and connects lazily, so registering and resolving need no server.
    /// </summary>
    public static IHostApplicationBuilder AddQdrantClient(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = QdrantClientSettings.Read(builder.Configuration, connectionName);
        builder.Services.TryAddSingleton(settings);
        builder.Services.TryAddSingleton(sp => new QdrantClient(
            settings.Endpoint ?? throw new InvalidOperationException(
                $"Qdrant needs an endpoint: set ConnectionStrings:{connectionName} (Endpoint=http://host:6334;Key=...) or {QdrantClientSettings.SectionName}:Endpoint."),
            settings.Key,
            loggerFactory: sp.GetService<ILoggerFactory>()));
        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"Qdrant.Client-{connectionName}", sp => ActivatorUtilities.CreateInstance<QdrantHealthCheck>(sp), failureStatus: default, tags: null));
        }

        return builder;
    }

    /// <summary>The Qdrant <see cref="IChunkIndex"/>.</summary>
    public static IHostApplicationBuilder AddQdrantChunkIndex(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        builder.AddQdrantClient(connectionName);
        builder.Services.AddOptions<QdrantIndexOptions>().BindConfiguration(QdrantIndexOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IChunkIndex, QdrantChunkIndex>();
        return builder;
    }
}

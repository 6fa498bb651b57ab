using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Kafka;
using DataDistiller.Infrastructure.Minio;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Infrastructure.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>
/// Chooses an adapter per port from configuration, Aspire-style: a connection string selects the distributed
/// adapter, its absence the embedded one.
/// </summary>
public static class AdapterHostingExtensions
{
    public static IHostApplicationBuilder AddDataDistillerAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddBlobStore(builder);
        AddJobStore(builder);
        AddMessageBus(builder);
        AddChunkIndex(builder);
        AddDocumentEvents(builder);
        builder.Services.AddHostedService<AdapterChoiceReporter>();
        return builder;
    }

    private static void AddBlobStore(IHostApplicationBuilder builder)
    {
        if (HasConnectionString(builder, MinioHostingExtensions.ConnectionName))
        {
            builder.AddMinioBlobStore();
            Report(builder, "blob store", "MinIO (S3)");
            return;
        }

        builder.AddFolderBlobStore();
        Report(builder, "blob store", "folder");
    }

    private static void AddJobStore(IHostApplicationBuilder builder)
    {
        if (HasConnectionString(builder, PostgresHostingExtensions.ConnectionName))
        {
            // IMPORTANT: the job row and its doc-request are no longer one transaction once jobs live in PostgreSQL and the
            // bus elsewhere. DocumentIntake writes the row first and publishes second, so a crash in between leaves an
            // "accepted" row without a message, never a message without a row; the sweeper (next issue) re-publishes
            // documents stuck in "accepted".
            builder.AddPostgresJobStore();
            Report(builder, "job store", "PostgreSQL");
            Report(builder, "experiment store", "PostgreSQL");
            return;
        }

        builder.AddSqliteJobStore();
        Report(builder, "job store", "SQLite");
        Report(builder, "experiment store", "SQLite");
    }

    private static void AddDocumentEvents(IHostApplicationBuilder builder)
    {
        // The Workers publish in other processes than the Api that serves followers, through the database they share.
        if (HasConnectionString(builder, PostgresHostingExtensions.ConnectionName))
        {
            AddBoth<PostgresDocumentEvents>(builder);
            Report(builder, "document events", "PostgreSQL LISTEN/NOTIFY");
            return;
        }

        AddBoth<InProcessDocumentEvents>(builder);
        Report(builder, "document events", "in-process");
    }

    private static void AddBoth<TEvents>(IHostApplicationBuilder builder)
        where TEvents : class, IDocumentEventPublisher, IDocumentEventSource
    {
        builder.Services.AddSingleton<TEvents>();
        builder.Services.AddSingleton<IDocumentEventPublisher>(sp => sp.GetRequiredService<TEvents>());
        builder.Services.AddSingleton<IDocumentEventSource>(sp => sp.GetRequiredService<TEvents>());
    }

    private static void AddMessageBus(IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(KafkaHostingExtensions.ConnectionName)))
        {
            builder.AddKafkaMessageBus();
            Report(builder, "message bus", "Kafka");
            return;
        }

        builder.AddSqliteMessageBus();
        Report(builder, "message bus", "in-process (SQLite)");
    }

    private static void AddChunkIndex(IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(QdrantHostingExtensions.ConnectionName)))
        {
            builder.AddQdrantChunkIndex();
            Report(builder, "chunk index", "Qdrant (dense + BM25 sparse)");
            return;
        }

        builder.AddLocalChunkIndex();
        Report(builder, "chunk index", "local (SQLite FTS5 + in-memory vectors)");
    }

    private static bool HasConnectionString(IHostApplicationBuilder builder, string name) =>
        !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name));

    private static void Report(IHostApplicationBuilder builder, string port, string adapter) =>
        builder.Services.AddSingleton(new AdapterChoice(port, adapter));
}

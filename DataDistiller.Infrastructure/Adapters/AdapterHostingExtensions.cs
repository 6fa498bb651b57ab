using DataDistiller.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>
/// Chooses an adapter per port from configuration, Aspire-style: a connection string selects the distributed
/// adapter, its absence the embedded one. Only the embedded adapters exist so far.
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
        builder.Services.AddHostedService<AdapterChoiceReporter>();
        return builder;
    }

    private static void AddBlobStore(IHostApplicationBuilder builder)
    {
        builder.AddFolderBlobStore();
        Report(builder, "blob store", "folder");
    }

    private static void AddJobStore(IHostApplicationBuilder builder)
    {
        builder.AddSqliteJobStore();
        Report(builder, "job store", "SQLite");
        Report(builder, "experiment store", "SQLite");
    }

    private static void AddMessageBus(IHostApplicationBuilder builder)
    {
        builder.AddSqliteMessageBus();
        Report(builder, "message bus", "in-process (SQLite)");
    }

    private static void AddChunkIndex(IHostApplicationBuilder builder)
    {
        builder.AddLocalChunkIndex();
        Report(builder, "chunk index", "local (SQLite FTS5 + in-memory vectors)");
    }

    private static void Report(IHostApplicationBuilder builder, string port, string adapter) =>
        builder.Services.AddSingleton(new AdapterChoice(port, adapter));
}

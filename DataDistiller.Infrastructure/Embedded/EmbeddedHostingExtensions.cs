using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Registers the embedded adapters, one port at a time (so each port can be served by another adapter): a blob folder,
/// SQLite jobs and experiments, the SQLite queue, and the local chunk index, all under one locked data directory.
/// </summary>
public static class EmbeddedHostingExtensions
{
    public static IHostApplicationBuilder AddFolderBlobStore(this IHostApplicationBuilder builder)
    {
        AddDataDirectory(builder).Services.AddSingleton<IBlobStore>(sp => new FolderBlobStore(LockedPath(sp, "blobs")));
        return builder;
    }

    public static IHostApplicationBuilder AddSqliteJobStore(this IHostApplicationBuilder builder)
    {
        AddEmbeddedDatabase(builder);
        builder.Services.AddSingleton<IJobStore, SqliteJobStore>();
        builder.Services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        builder.Services.AddSingleton<IExperimentStore, SqliteExperimentStore>();
        builder.Services.AddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        return builder;
    }

    public static IHostApplicationBuilder AddSqliteMessageBus(this IHostApplicationBuilder builder)
    {
        AddEmbeddedDatabase(builder);
        builder.Services.AddOptions<EmbeddedBusOptions>().BindConfiguration(EmbeddedBusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IMessageBus, SqliteMessageBus>();
        builder.Services.AddSingleton<IQueueBacklog, SqliteQueueBacklog>();
        return builder;
    }

    public static IHostApplicationBuilder AddLocalChunkIndex(this IHostApplicationBuilder builder)
    {
        var services = AddDataDirectory(builder).Services;
        services.AddSingleton(sp => new LocalChunkIndex(LockedPath(sp, LocalChunkIndex.FileName)));
        services.AddSingleton<IChunkIndex>(sp => sp.GetRequiredService<LocalChunkIndex>());
        services.AddHostedService<LocalChunkIndexLoad>();
        return builder;
    }

    private static IHostApplicationBuilder AddDataDirectory(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DataDirectoryOptions>().BindConfiguration(DataDirectoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(sp => new DataDirectoryLock(DataDirectory(sp)));
        return builder;
    }

    // Jobs and the queue share one SQLite file (EmbeddedDatabase), under one durability rule. An upload still commits its
    // job row and its message separately: the stuck-document sweeper publishes a request lost between the two.
    private static void AddEmbeddedDatabase(IHostApplicationBuilder builder) =>
        AddDataDirectory(builder).Services.TryAddSingleton(sp => new EmbeddedDatabase(LockedPath(sp, EmbeddedDatabase.FileName)));

    /// <summary>The data directory as an absolute path; a relative setting is under the content root.</summary>
    public static string DataDirectory(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetRequiredService<IOptions<DataDirectoryOptions>>().Value.DataDirectory;
        return Path.GetFullPath(configured, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
    }

    // Every embedded file is opened only under the directory lock.
    private static string LockedPath(IServiceProvider services, string name)
    {
        services.GetRequiredService<DataDirectoryLock>();
        return Path.Combine(DataDirectory(services), name);
    }
}

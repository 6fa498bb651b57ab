using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>Registers the embedded adapters: a blob folder, SQLite jobs, queue and experiments, and the local chunk index.</summary>
public static class EmbeddedHostingExtensions
{
    public static IHostApplicationBuilder AddEmbeddedStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DataDirectoryOptions>().BindConfiguration(DataDirectoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmbeddedBusOptions>().BindConfiguration(EmbeddedBusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new DataDirectoryLock(DataDirectory(sp)));
        builder.Services.AddSingleton(sp => new EmbeddedDatabase(LockedPath(sp, EmbeddedDatabase.FileName)));
        builder.Services.AddSingleton<IJobStore, SqliteJobStore>();
        builder.Services.AddSingleton<IMessageBus, SqliteMessageBus>();
        builder.Services.AddSingleton<IExperimentStore, SqliteExperimentStore>();
        builder.Services.AddSingleton<IBlobStore>(sp => new FolderBlobStore(LockedPath(sp, "blobs")));
        builder.Services.AddSingleton<IChunkIndex>(sp => new LocalChunkIndex(LockedPath(sp, LocalChunkIndex.FileName)));
        return builder;
    }

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

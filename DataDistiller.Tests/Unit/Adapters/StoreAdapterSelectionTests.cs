using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Minio;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DataDistiller.Tests.Unit.Adapters;

public sealed class StoreAdapterSelectionTests
{
    [Fact]
    public void AddDataDistillerAdapters_WithPostgresAndMinioConnectionStrings_ChoosesTheDistributedStoresAndEvents()
    {
        // Arrange
        using var data = new TempDirectory();
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=jobs",
            ["ConnectionStrings:minio"] = "Endpoint=http://127.0.0.1:1;AccessKey=a;SecretKey=b",
            ["DataDistiller:DataDirectory"] = data.Path,
        });

        // Act: resolving connects to nothing, so no server is needed
        var services = host.Services;

        // Assert
        Assert.IsType<MinioBlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.IsType<PostgresJobStore>(services.GetRequiredService<IJobStore>());
        Assert.IsType<PostgresExperimentStore>(services.GetRequiredService<IExperimentStore>());
        var choices = services.GetServices<AdapterChoice>().ToList();
        Assert.Contains(new AdapterChoice("blob store", "MinIO (S3)"), choices);
        Assert.Contains(new AdapterChoice("job store", "PostgreSQL"), choices);
        Assert.Contains(new AdapterChoice("experiment store", "PostgreSQL"), choices);
        Assert.IsType<PostgresDocumentEvents>(services.GetRequiredService<IDocumentEventPublisher>());
        Assert.Same(services.GetRequiredService<IDocumentEventPublisher>(), services.GetRequiredService<IDocumentEventSource>());
        Assert.Contains(new AdapterChoice("document events", "PostgreSQL LISTEN/NOTIFY"), choices);
    }

    [Fact]
    public void AddDataDistillerAdapters_WithoutConnectionStrings_ChoosesTheEmbeddedStoresAndEvents()
    {
        // Arrange
        using var data = new TempDirectory();
        using var host = BuildHost(new() { ["DataDistiller:DataDirectory"] = data.Path });

        // Act
        var services = host.Services;

        // Assert
        Assert.IsType<FolderBlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.IsType<SqliteJobStore>(services.GetRequiredService<IJobStore>());
        Assert.IsType<SqliteExperimentStore>(services.GetRequiredService<IExperimentStore>());
        Assert.Contains(new AdapterChoice("job store", "SQLite"), services.GetServices<AdapterChoice>());
        Assert.IsType<InProcessDocumentEvents>(services.GetRequiredService<IDocumentEventPublisher>());
        Assert.Same(services.GetRequiredService<IDocumentEventPublisher>(), services.GetRequiredService<IDocumentEventSource>());
        Assert.Contains(new AdapterChoice("document events", "in-process"), services.GetServices<AdapterChoice>());
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDataDistillerAdapters();
        return builder.Build();
    }
}

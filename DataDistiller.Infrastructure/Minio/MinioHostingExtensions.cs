using DataDistiller.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Minio;

public static class MinioHostingExtensions
{
    /// <summary>The connection string that names the MinIO/S3 server.</summary>
    public const string ConnectionName = "minio";

    /// <summary>
    /// Registers the MinIO blob store on <c>ConnectionStrings:minio</c> with a health check; its HTTP calls are traced by
    /// the HttpClient instrumentation of ServiceDefaults. The bucket (<see cref="MinioBlobStoreOptions"/>) is ensured at start.
    /// </summary>
    public static IHostApplicationBuilder AddMinioBlobStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = MinioConnection.Parse(builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not set."));
        builder.Services.AddOptions<MinioBlobStoreOptions>().BindConfiguration(MinioBlobStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(_ => connection.CreateClient());
        builder.Services.TryAddSingleton<MinioBlobStore>();
        builder.Services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<MinioBlobStore>());
        builder.Services.AddHostedService<MinioBucketService>();
        builder.Services.AddHealthChecks().AddCheck<MinioHealthCheck>(ConnectionName);
        return builder;
    }
}

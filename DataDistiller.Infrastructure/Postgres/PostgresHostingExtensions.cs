using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Postgres;

public static class PostgresHostingExtensions
{
    /// <summary>The connection string that names the job and experiment database.</summary>
    public const string ConnectionName = "postgres";

    /// <summary>
    /// Registers PostgreSQL jobs and experiments on <c>ConnectionStrings:postgres</c>. The data source comes from
    /// Aspire.Npgsql, which adds its health check, tracing and metrics; the schema is migrated at start.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresJobStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNpgsqlDataSource(ConnectionName);
        builder.Services.TryAddSingleton<PostgresDatabase>();
        builder.Services.AddHostedService<PostgresMigrationService>();
        builder.Services.AddSingleton<IJobStore, PostgresJobStore>();
        builder.Services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        builder.Services.AddSingleton<IExperimentStore, PostgresExperimentStore>();
        builder.Services.AddSingleton<IDeadLetterStore, PostgresDeadLetterStore>();
        return builder;
    }
}

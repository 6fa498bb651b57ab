using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>Migrates at start-up, so a broken database or schema stops the service before it takes traffic.</summary>
public sealed class PostgresMigrationService(PostgresDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureMigratedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

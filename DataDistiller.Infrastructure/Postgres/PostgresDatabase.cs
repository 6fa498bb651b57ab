using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// The job and experiment database. The first connection waits for the migrations, so no query can run against an
/// older schema even when a store is used before the start-up migration has finished.
/// </summary>
public sealed partial class PostgresDatabase(NpgsqlDataSource dataSource, ILogger<PostgresDatabase> logger) : IDisposable
{
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Applies pending migrations once per process; a failed attempt is retried by the next caller.</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                foreach (var migration in await PostgresMigrations.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false))
                {
                    LogMigrationApplied(logger, migration.Version, migration.Name);
                }

                _migrated = true;
            }
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>Opens a pooled connection on the migrated schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _migrationGate.Dispose();

    [LoggerMessage(LogLevel.Information, "Applied PostgreSQL migration {Version} ({Name})")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string name);
}

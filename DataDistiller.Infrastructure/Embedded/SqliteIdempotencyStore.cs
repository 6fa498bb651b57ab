using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Idempotency keys in the embedded SQLite file. The (collection, key) primary key makes a claim race-safe: of two
/// concurrent inserts one conflicts, and an expired claim is only taken over by the upsert's guarded update.
/// </summary>
public sealed class SqliteIdempotencyStore(EmbeddedDatabase database, TimeProvider timeProvider) : IIdempotencyStore
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS idempotency_keys(
            collection TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            response TEXT,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY(collection, key)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys(expires_at);
        """;

    public async Task<IdempotencyClaim?> TryClaimAsync(
        string collection, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                using var claim = Command(connection, collection, key);
                claim.CommandText = """
                    DELETE FROM idempotency_keys WHERE expires_at <= $now AND NOT (collection = $collection AND key = $key);
                    INSERT INTO idempotency_keys(collection, key, request_hash, response, expires_at)
                    VALUES ($collection, $key, $hash, NULL, $expires)
                    ON CONFLICT(collection, key) DO UPDATE SET request_hash = excluded.request_hash, response = NULL, expires_at = excluded.expires_at
                    WHERE idempotency_keys.expires_at <= $now
                    RETURNING 1;
                    """;
                claim.Parameters.AddWithValue("$hash", requestHash);
                claim.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
                var claimed = await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;

                IdempotencyClaim? held = null;
                if (!claimed)
                {
                    using var read = Command(connection, collection, key);
                    read.CommandText = "SELECT request_hash, response, expires_at FROM idempotency_keys WHERE collection = $collection AND key = $key";
                    var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        held = new IdempotencyClaim(
                            reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return held;
            }
        }
    }

    public Task CompleteAsync(string collection, string key, string response, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE idempotency_keys SET response = $response WHERE collection = $collection AND key = $key",
            collection,
            key,
            c => c.Parameters.AddWithValue("$response", response),
            cancellationToken);

    public Task ReleaseAsync(string collection, string key, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE collection = $collection AND key = $key AND response IS NULL",
            collection,
            key,
            _ => { },
            cancellationToken);

    private async Task ExecuteAsync(string sql, string collection, string key, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, collection, key);
            command.CommandText = sql;
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private SqliteCommand Command(SqliteConnection connection, string collection, string key)
    {
        var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return command;
    }
}

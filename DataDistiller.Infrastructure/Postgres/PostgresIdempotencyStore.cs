using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Npgsql;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// Idempotency keys in PostgreSQL, shared by every replica. The (collection, key) primary key makes a claim race-safe
/// across replicas; an expired claim is only taken over by the upsert's guarded update, which locks the row.
/// </summary>
public sealed class PostgresIdempotencyStore(PostgresDatabase database, TimeProvider timeProvider) : IIdempotencyStore
{
    public async Task<IdempotencyClaim?> TryClaimAsync(
        string collection, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The held claim may expire or be released between the two statements; then the claim is simply tried again.
            for (var attempt = 0; ; attempt++)
            {
                using var claim = Command(connection, collection, key, """
                    WITH purged AS (DELETE FROM idempotency_keys WHERE expires_at <= @now AND NOT (collection = @collection AND key = @key))
                    INSERT INTO idempotency_keys(collection, key, request_hash, response, expires_at)
                    VALUES (@collection, @key, @hash, NULL, @expires)
                    ON CONFLICT (collection, key) DO UPDATE SET request_hash = excluded.request_hash, response = NULL, expires_at = excluded.expires_at
                    WHERE idempotency_keys.expires_at <= @now
                    RETURNING 1
                    """);
                claim.Parameters.AddWithValue("hash", requestHash);
                claim.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
                if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    return null;
                }

                using var read = Command(connection, collection, key,
                    "SELECT request_hash, response, expires_at FROM idempotency_keys WHERE collection = @collection AND key = @key AND expires_at > @now");
                var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return new IdempotencyClaim(
                            reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
                    }
                }

                if (attempt >= 2)
                {
                    throw new InvalidOperationException($"Idempotency key '{key}' of collection '{collection}' changed hands during every claim attempt.");
                }
            }
        }
    }

    public async Task CompleteAsync(string collection, string key, string response, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, collection, key, "UPDATE idempotency_keys SET response = @response WHERE collection = @collection AND key = @key");
            command.Parameters.AddWithValue("response", response);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ReleaseAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, collection, key, "DELETE FROM idempotency_keys WHERE collection = @collection AND key = @key AND response IS NULL");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string collection, string key, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("collection", collection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        return command;
    }
}

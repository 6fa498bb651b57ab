using System.Text.Json;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>Dead letters in PostgreSQL, shared by every replica; the letter's id is the key, so a redelivered letter is kept once.</summary>
public sealed class PostgresDeadLetterStore(PostgresDatabase database) : IDeadLetterStore
{
    private const string SelectColumns = """
        SELECT id, topic, msg_key, document_id, error_type, reason, attempts, first_failed_at, last_failed_at, payload, headers::text, schema_version
        FROM dead_letters
        """;

    private const string Filter = " WHERE (@topic::text IS NULL OR topic = @topic) AND (@document::uuid IS NULL OR document_id = @document)";

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO dead_letters(id, topic, msg_key, document_id, error_type, reason, attempts, first_failed_at, last_failed_at, payload, headers, schema_version)
                VALUES (@id, @topic, @key, @document, @errorType, @reason, @attempts, @first, @last, @payload, @headers, @schema)
                ON CONFLICT (id) DO NOTHING
                """,
                connection);
            command.Parameters.AddWithValue("id", letter.Id);
            command.Parameters.AddWithValue("topic", letter.Topic);
            command.Parameters.AddWithValue("key", letter.Key);
            command.Parameters.Add("document", NpgsqlDbType.Uuid).Value = letter.DocumentId is { } d ? d : DBNull.Value;
            command.Parameters.AddWithValue("errorType", letter.ErrorType);
            command.Parameters.AddWithValue("reason", letter.Reason);
            command.Parameters.AddWithValue("attempts", letter.Attempts);
            command.Parameters.AddWithValue("first", letter.FirstFailedAt.ToUniversalTime());
            command.Parameters.AddWithValue("last", letter.LastFailedAt.ToUniversalTime());
            command.Parameters.AddWithValue("payload", letter.Payload.ToArray());
            command.Parameters.Add("headers", NpgsqlDbType.Jsonb).Value = JsonSerializer.Serialize(letter.Headers);
            command.Parameters.AddWithValue("schema", letter.SchemaVersion);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(SelectColumns + " WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", id);
            return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
    }

    public async Task<DeadLetterPage> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(SelectColumns + Filter + " ORDER BY id DESC LIMIT @limit OFFSET @offset", connection);
            command.Parameters.Add("topic", NpgsqlDbType.Text).Value = (object?)query.Topic ?? DBNull.Value;
            command.Parameters.Add("document", NpgsqlDbType.Uuid).Value = query.DocumentId is { } d ? d : DBNull.Value;
            command.Parameters.AddWithValue("limit", query.PageSize);
            command.Parameters.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);
            var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);

            command.CommandText = "SELECT count(*)::integer FROM dead_letters" + Filter;
            var total = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new DeadLetterPage(items, total);
        }
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM dead_letters WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    private static async Task<List<DeadLetter>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<DeadLetter>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new DeadLetter(
                    reader.GetInt32(11),
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetFieldValue<DateTimeOffset>(8),
                    reader.GetFieldValue<byte[]>(9),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? []));
            }
        }

        return items;
    }
}

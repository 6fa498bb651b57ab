using System.Globalization;
using System.Text.Json;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>Dead letters in the embedded SQLite file; the letter's id is the key, so a redelivered letter is kept once.</summary>
public sealed class SqliteDeadLetterStore(EmbeddedDatabase database) : IDeadLetterStore
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS dead_letters(
            id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            msg_key TEXT NOT NULL,
            document_id TEXT,
            error_type TEXT NOT NULL,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            first_failed_at INTEGER NOT NULL,
            last_failed_at INTEGER NOT NULL,
            payload BLOB NOT NULL,
            headers TEXT NOT NULL,
            schema_version INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_dead_letters_topic ON dead_letters(topic, id);
        CREATE INDEX IF NOT EXISTS ix_dead_letters_document ON dead_letters(document_id, id);
        """;

    private const string SelectColumns = """
        SELECT id, topic, msg_key, document_id, error_type, reason, attempts, first_failed_at, last_failed_at, payload, headers, schema_version
        FROM dead_letters
        """;

    private const string Filter = " WHERE ($topic IS NULL OR topic = $topic) AND ($document IS NULL OR document_id = $document)";

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO dead_letters(
                    id, topic, msg_key, document_id, error_type, reason, attempts, first_failed_at, last_failed_at, payload, headers, schema_version)
                VALUES ($id, $topic, $key, $document, $errorType, $reason, $attempts, $first, $last, $payload, $headers, $schema)
                """;
            command.Parameters.AddWithValue("$id", letter.Id.ToString());
            command.Parameters.AddWithValue("$topic", letter.Topic);
            command.Parameters.AddWithValue("$key", letter.Key);
            command.Parameters.AddWithValue("$document", letter.DocumentId is { } d ? d.ToString() : DBNull.Value);
            command.Parameters.AddWithValue("$errorType", letter.ErrorType);
            command.Parameters.AddWithValue("$reason", letter.Reason);
            command.Parameters.AddWithValue("$attempts", letter.Attempts);
            command.Parameters.AddWithValue("$first", letter.FirstFailedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$last", letter.LastFailedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$payload", letter.Payload.ToArray());
            command.Parameters.AddWithValue("$headers", JsonSerializer.Serialize(letter.Headers));
            command.Parameters.AddWithValue("$schema", letter.SchemaVersion);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SelectColumns + " WHERE id = $id";
            command.Parameters.AddWithValue("$id", id.ToString());
            return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
    }

    public async Task<DeadLetterPage> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SelectColumns + Filter + " ORDER BY id DESC LIMIT $limit OFFSET $offset";
            command.Parameters.AddWithValue("$topic", (object?)query.Topic ?? DBNull.Value);
            command.Parameters.AddWithValue("$document", query.DocumentId is { } d ? d.ToString() : DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.PageSize);
            command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
            var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);

            command.CommandText = "SELECT count(*) FROM dead_letters" + Filter;
            var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return new DeadLetterPage(items, total);
        }
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM dead_letters WHERE id = $id";
            command.Parameters.AddWithValue("$id", id.ToString());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    private static async Task<List<DeadLetter>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<DeadLetter>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new DeadLetter(
                    reader.GetInt32(11),
                    Guid.Parse(reader.GetString(0)),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : Guid.Parse(reader.GetString(3)),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                    (byte[])reader.GetValue(9),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? []));
            }
        }

        return items;
    }
}

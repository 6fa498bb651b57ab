using System.Data.Common;
using DataDistiller.Core.Documents;

namespace DataDistiller.Infrastructure.Relational;

/// <summary>
/// Reads document rows the same way from every relational job store. The stores select the same columns in the same
/// order; only storage types differ (SQLite: text ids and Unix milliseconds; PostgreSQL: uuid and timestamptz).
/// </summary>
internal static class DocumentRecordReader
{
    /// <summary>Live document counts per collection and status; the same SQL runs on both stores.</summary>
    public const string CollectionCountsSql = """
        SELECT collection, status, count(*) FROM documents WHERE status <> 'deleted' GROUP BY collection, status ORDER BY collection
        """;

    /// <summary>Folds the rows of <see cref="CollectionCountsSql"/> into one summary per collection, ordered by key.</summary>
    public static async Task<IReadOnlyList<CollectionSummary>> ReadCollectionSummariesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var summaries = new SortedDictionary<string, CollectionSummary>(StringComparer.Ordinal);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.GetString(0);
                var summary = summaries.GetValueOrDefault(key) ?? new CollectionSummary(key, 0, 0, 0, 0, 0);
                summaries[key] = summary.Add(ParseStatus(reader.GetString(1)), checked((int)reader.GetInt64(2)));
            }
        }

        return [.. summaries.Values];
    }

    public static async Task<List<DocumentRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<DocumentRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new DocumentRecord
                {
                    DocumentId = Id(reader, 0),
                    JobId = Id(reader, 1),
                    Collection = reader.GetString(2),
                    FileName = reader.GetString(3),
                    ContentType = reader.GetString(4),
                    BlobKey = reader.GetString(5),
                    SizeBytes = reader.GetInt64(6),
                    Sha256 = reader.GetString(7),
                    Status = ParseStatus(reader.GetString(8)),
                    ChunksTotal = reader.IsDBNull(9) ? null : reader.GetInt32(9),
                    ChunksDone = reader.GetInt32(10),
                    Error = reader.IsDBNull(11) ? null : reader.GetString(11),
                    AcceptedAt = Time(reader, 12)!.Value,
                    SplittingAt = Time(reader, 13),
                    EmbeddingAt = Time(reader, 14),
                    IndexedAt = Time(reader, 15),
                    FailedAt = Time(reader, 16),
                    UpdatedAt = Time(reader, 17)!.Value,
                    Retries = reader.GetInt32(18),
                });
            }
        }

        return items;
    }

    /// <summary>The document's progress from a command that selects <c>status, chunks_done, chunks_total</c>; null when no row.</summary>
    public static async Task<DocumentProgress?> ReadProgressAsync(DbCommand command, Guid documentId, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new DocumentProgress(documentId, ParseStatus(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2))
                : null;
        }
    }

    /// <summary>A status as the stores write it (lower-case name).</summary>
    public static DocumentStatus ParseStatus(string status) => Enum.Parse<DocumentStatus>(status, ignoreCase: true);

    private static Guid Id(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid id => id,
        var text => Guid.Parse((string)text),
    };

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DBNull => null,
        long unixMilliseconds => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds),
        DateTimeOffset time => time,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        var other => throw new InvalidCastException($"Column {ordinal} holds {other.GetType().Name}, not a time."),
    };
}

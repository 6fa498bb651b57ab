using System.Collections.Concurrent;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Relational;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Jobs in SQLite. Progress is a set of (document, ordinal) rows, so a redelivered chunk never counts twice,
/// and the move to indexed happens in the same transaction as the insert that completes the set.
/// </summary>
public sealed class SqliteJobStore(EmbeddedDatabase database, TimeProvider timeProvider) : IJobStore
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS collections(
            name TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS documents(
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            collection TEXT NOT NULL REFERENCES collections(name),
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            blob_key TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            status TEXT NOT NULL,
            chunks_total INTEGER,
            chunks_done INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            accepted_at INTEGER NOT NULL,
            splitting_at INTEGER,
            embedding_at INTEGER,
            indexed_at INTEGER,
            failed_at INTEGER,
            updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_documents_collection ON documents(collection, id);
        CREATE INDEX IF NOT EXISTS ix_documents_status ON documents(status, id);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_documents_live_content ON documents(collection, sha256) WHERE status NOT IN ('failed', 'deleted');
        CREATE TABLE IF NOT EXISTS chunks_done(
            document_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            PRIMARY KEY(document_id, ordinal)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS document_retries(
            document_id TEXT PRIMARY KEY,
            retries INTEGER NOT NULL) WITHOUT ROWID;
        """;

    // A document in progress whose done set is complete becomes indexed; used after every change to either count.
    private const string CompleteIfDone = """
        UPDATE documents SET status = 'indexed', indexed_at = $now, updated_at = $now
        WHERE id = $id AND status IN ('splitting', 'embedding') AND chunks_total IS NOT NULL AND chunks_done >= chunks_total;
        """;

    private const string Columns = """
        id, job_id, collection, file_name, content_type, blob_key, size_bytes, sha256, status, chunks_total, chunks_done,
        error, accepted_at, splitting_at, embedding_at, indexed_at, failed_at, updated_at
        """;

    private const string SelectColumns = "SELECT " + Columns + ", coalesce(r.retries, 0) FROM documents LEFT JOIN document_retries r ON r.document_id = documents.id";
    private const string SelectById = SelectColumns + " WHERE id = $id";
    private const string SelectLiveCopy = SelectColumns + " WHERE collection = $collection AND sha256 = $sha256 AND status NOT IN ('failed', 'deleted')";

    private const int MaxRememberedCollections = 10_000;
    private readonly ConcurrentDictionary<string, byte> _ensuredCollections = new(StringComparer.Ordinal);

    public async Task EnsureCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        // Every upload ensures its collection: a write transaction each time, and the write lock with it, for a row that
        // exists after the first. Collection rows are never deleted, so a name once stored stays stored.
        if (_ensuredCollections.ContainsKey(collection))
        {
            return;
        }

        await ExecuteAsync(
            "INSERT OR IGNORE INTO collections(name, created_at) VALUES ($name, $now)",
            c => c.Parameters.AddWithValue("$name", collection),
            cancellationToken).ConfigureAwait(false);
        if (_ensuredCollections.Count >= MaxRememberedCollections)
        {
            _ensuredCollections.Clear();
        }

        _ensuredCollections.TryAdd(collection, 0);
    }

    public async Task<DocumentRecord> CreateAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var session = await database.Sqlite.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            // The insert takes SQLite's write lock, so the read of the live copy it collided with sees a settled table.
            var transaction = session.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                var insert = session.Command("""
                    INSERT INTO documents(id, job_id, collection, file_name, content_type, blob_key, size_bytes, sha256, status, accepted_at, updated_at)
                    VALUES ($id, $job, $collection, $fileName, $contentType, $blobKey, $size, $sha256, 'accepted', $acceptedAt, $now)
                    ON CONFLICT DO NOTHING
                    """);
                insert.Parameters.AddWithValue("$id", document.DocumentId.ToString());
                insert.Parameters.AddWithValue("$job", document.JobId.ToString());
                insert.Parameters.AddWithValue("$collection", document.Collection);
                insert.Parameters.AddWithValue("$fileName", document.FileName);
                insert.Parameters.AddWithValue("$contentType", document.ContentType);
                insert.Parameters.AddWithValue("$blobKey", document.BlobKey);
                insert.Parameters.AddWithValue("$size", document.SizeBytes);
                insert.Parameters.AddWithValue("$sha256", document.Sha256);
                insert.Parameters.AddWithValue("$acceptedAt", document.AcceptedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;

                var select = session.Command(inserted ? SelectById : SelectLiveCopy);
                select.Parameters.AddWithValue("$id", document.DocumentId.ToString());
                select.Parameters.AddWithValue("$collection", document.Collection);
                select.Parameters.AddWithValue("$sha256", document.Sha256);
                var found = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return found.Count > 0
                    ? found[0]
                    : throw new InvalidOperationException($"Document {document.DocumentId} collides with a row that is not a live copy of its bytes.");
            }
        }
    }

    public async Task<DocumentRecord?> GetAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var session = await database.Sqlite.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return await ReadByIdAsync(session, documentId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = " WHERE status <> 'deleted' AND ($collection IS NULL OR collection = $collection) AND ($status IS NULL OR status = $status)"
            + " AND " + TenantFilter.Sqlite("collection", "$tenant");
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SelectColumns + filter + " ORDER BY id DESC LIMIT $limit OFFSET $offset";
            command.Parameters.AddWithValue("$collection", (object?)query.Collection ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", query.Status is { } s ? StatusText(s) : DBNull.Value);
            command.Parameters.AddWithValue("$tenant", (object?)query.Tenant ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.PageSize);
            command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
            var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);

            command.CommandText = "SELECT count(*) FROM documents" + filter;
            var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            return new DocumentPage(items, total);
        }
    }

    public async Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = DocumentRecordReader.CollectionCountsSql;
            return await DocumentRecordReader.ReadCollectionSummariesAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<DocumentRecord?> TryStartSplittingAsync(Guid documentId, CancellationToken cancellationToken) =>
        ChangeAndReadAsync(
            """
            UPDATE documents SET status = CASE status WHEN 'accepted' THEN 'splitting' ELSE status END,
                splitting_at = coalesce(splitting_at, $now), updated_at = $now
            WHERE id = $id AND status IN ('accepted', 'splitting', 'embedding')
            """,
            documentId,
            _ => { },
            cancellationToken);

    public Task<DocumentRecord?> SetChunksTotalAsync(Guid documentId, int chunksTotal, CancellationToken cancellationToken) =>
        ChangeAndReadAsync(
            """
            UPDATE documents SET status = 'embedding', chunks_total = $total, embedding_at = coalesce(embedding_at, $now), updated_at = $now
            WHERE id = $id AND status IN ('splitting', 'embedding');
            """ + CompleteIfDone,
            documentId,
            c => c.Parameters.AddWithValue("$total", chunksTotal),
            cancellationToken);

    public async Task<IReadOnlySet<int>> GetDoneChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var session = await database.Sqlite.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var command = session.Command("SELECT ordinal FROM chunks_done WHERE document_id = $id");
            command.Parameters.AddWithValue("$id", documentId.ToString());
            var done = new HashSet<int>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    done.Add(reader.GetInt32(0));
                }
            }

            return done;
        }
    }

    public async Task<IReadOnlyList<DocumentProgress>> MarkChunksDoneAsync(IReadOnlyCollection<ChunkRef> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var session = await database.Sqlite.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var transaction = session.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                var progress = new List<DocumentProgress>();
                foreach (var document in chunks.GroupBy(c => c.DocumentId))
                {
                    var added = 0;
                    foreach (var chunk in document)
                    {
                        // A deleted or purged document gets no done rows: they would outlive it.
                        var insert = session.Command("""
                            INSERT OR IGNORE INTO chunks_done(document_id, ordinal) SELECT $id, $ordinal
                            WHERE EXISTS (SELECT 1 FROM documents WHERE id = $id AND status <> 'deleted')
                            """);
                        insert.Parameters.AddWithValue("$id", document.Key.ToString());
                        insert.Parameters.AddWithValue("$ordinal", chunk.Ordinal);
                        added += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    const string AddDone = """
                        UPDATE documents SET chunks_done = chunks_done + $added, updated_at = $now WHERE id = $id;
                        """ + CompleteIfDone + """
                        SELECT status, chunks_done, chunks_total FROM documents WHERE id = $id;
                        """;
                    var update = session.Command(AddDone);
                    update.Parameters.AddWithValue("$id", document.Key.ToString());
                    update.Parameters.AddWithValue("$added", added);
                    update.Parameters.AddWithValue("$now", now);
                    if (await DocumentRecordReader.ReadProgressAsync(update, document.Key, cancellationToken).ConfigureAwait(false) is { } done)
                    {
                        progress.Add(done);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return progress;
            }
        }
    }

    public async Task<bool> MarkFailedAsync(Guid documentId, string reason, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(
            """
            UPDATE documents SET status = 'failed', error = $reason, failed_at = $now, updated_at = $now
            WHERE id = $id AND status NOT IN ('indexed', 'failed', 'deleted')
            """,
            c =>
            {
                c.Parameters.AddWithValue("$id", documentId.ToString());
                c.Parameters.AddWithValue("$reason", reason);
            },
            cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task RecordRetryAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Its own table, so data directories created before retries were counted need no migration.
        await ExecuteAsync(
            """
            INSERT INTO document_retries(document_id, retries) VALUES ($id, 1)
            ON CONFLICT(document_id) DO UPDATE SET retries = retries + 1
            """,
            c => c.Parameters.AddWithValue("$id", documentId.ToString()),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReopenAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(
            """
            UPDATE documents SET status = CASE WHEN chunks_total IS NULL THEN 'accepted' ELSE 'embedding' END,
                error = NULL, failed_at = NULL, updated_at = $now
            WHERE id = $id AND status = 'failed'
            """,
            c => c.Parameters.AddWithValue("$id", documentId.ToString()),
            cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<IReadOnlyList<DocumentRecord>> ClaimStuckAsync(DateTimeOffset noProgressSince, int limit, CancellationToken cancellationToken)
    {
        // One process owns the file (the data-directory lock), and the select and the touch are one statement, so
        // a claim can never be taken twice.
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE documents SET updated_at = $now
                WHERE id IN (SELECT id FROM documents
                             WHERE status IN ('accepted', 'splitting', 'embedding') AND updated_at < $since
                             ORDER BY updated_at LIMIT $limit)
                RETURNING
                """ + " " + Columns + ", 0"; // the sweeper reads no retry count
            command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$since", noProgressSince.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DocumentRecord?> MarkDeletedAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "UPDATE documents SET status = 'deleted', updated_at = $now WHERE id = $id",
            c => c.Parameters.AddWithValue("$id", documentId.ToString()),
            cancellationToken).ConfigureAwait(false);
        return await GetAsync(documentId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DocumentRecord>> MarkCollectionDeletedAsync(string collection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "UPDATE documents SET status = 'deleted', updated_at = $now WHERE collection = $collection",
            c => c.Parameters.AddWithValue("$collection", collection),
            cancellationToken).ConfigureAwait(false);
        var connection = await database.Sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SelectColumns + " WHERE collection = $collection AND status = 'deleted'";
            command.Parameters.AddWithValue("$collection", collection);
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task PurgeAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Done rows go unless their document is live: that also clears rows a late embedder wrote for a purged document.
        await ExecuteAsync(
            """
            DELETE FROM chunks_done WHERE document_id = $id
                AND NOT EXISTS (SELECT 1 FROM documents WHERE id = $id AND status <> 'deleted');
            DELETE FROM document_retries WHERE document_id = $id
                AND NOT EXISTS (SELECT 1 FROM documents WHERE id = $id AND status <> 'deleted');
            DELETE FROM documents WHERE id = $id AND status = 'deleted';
            """,
            c => c.Parameters.AddWithValue("$id", documentId.ToString()),
            cancellationToken).ConfigureAwait(false);
    }

    // Runs the change and reads the row back in the same transaction: the caller (and the event decorator) gets the state
    // the change produced without a second connection. The change's first statement must match the row for any later one
    // to, so no change at all means the document was not in a state the change applies to.
    private Task<DocumentRecord?> ChangeAndReadAsync(string sql, Guid documentId, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("$id", documentId.ToString());
                bind(command);
            },
            (session, changed) => changed == 0 ? Task.FromResult<DocumentRecord?>(null) : ReadByIdAsync(session, documentId, cancellationToken),
            cancellationToken);

    private Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(sql, bind, (_, changed) => Task.FromResult(changed), cancellationToken);

    // One write transaction: the statements, then whatever the caller reads in the same session before the commit.
    private async Task<T> WriteAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<SqliteSession, int, Task<T>> then, CancellationToken cancellationToken)
    {
        var session = await database.Sqlite.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var transaction = session.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                var command = session.Command(sql);
                command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                bind(command);
                var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                var result = await then(session, changed).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static async Task<DocumentRecord?> ReadByIdAsync(SqliteSession session, Guid documentId, CancellationToken cancellationToken)
    {
        var select = session.Command(SelectById);
        select.Parameters.AddWithValue("$id", documentId.ToString());
        var found = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static Task<List<DocumentRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        DocumentRecordReader.ReadAllAsync(command, cancellationToken);

    private static string StatusText(DocumentStatus status) => status.ToString().ToLowerInvariant();

}

using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Relational;
using Npgsql;
using NpgsqlTypes;

namespace DataDistiller.Infrastructure.Postgres;

/// <summary>
/// Jobs in PostgreSQL, shared by every replica. Progress is the (document, ordinal) set: a redelivered chunk is an
/// insert that conflicts and adds nothing. The counter and the move to indexed change in one UPDATE whose row lock
/// serialises concurrent embedders, so each sees the others' committed counts and exactly one completes the set.
/// </summary>
public sealed class PostgresJobStore(PostgresDatabase database, TimeProvider timeProvider) : IJobStore
{
    private const string Columns = """
        id, job_id, collection, file_name, content_type, blob_key, size_bytes, sha256, status, chunks_total, chunks_done,
        error, accepted_at, splitting_at, embedding_at, indexed_at, failed_at, updated_at, retries
        """;

    private const string SelectColumns = "SELECT " + Columns + " FROM documents";

    // SKIP LOCKED: replicas sweeping at the same moment each take different rows instead of queueing on the same
    // ones; touching updated_at is the claim, so a claimed document is not stuck again until the threshold passes.
    private const string ClaimStuck = """
        UPDATE documents SET updated_at = @now
        WHERE id IN (SELECT id FROM documents
                     WHERE status IN ('accepted', 'splitting', 'embedding') AND updated_at < @since
                     ORDER BY updated_at LIMIT @limit
                     FOR UPDATE SKIP LOCKED)
        RETURNING
        """ + " " + Columns;

    private const string Returning = "\nRETURNING " + Columns;

    // SET expressions read the row as it was before the update, so "done" here is the count after this batch.
    private const string MarkDone = """
        WITH added AS (
            INSERT INTO chunks_done(document_id, ordinal) SELECT @id, unnest(@ordinals)
            WHERE EXISTS (SELECT 1 FROM documents WHERE id = @id AND status <> 'deleted')
            ON CONFLICT DO NOTHING RETURNING 1),
        counted AS (SELECT count(*)::integer AS n FROM added)
        UPDATE documents SET
            chunks_done = chunks_done + counted.n,
            status = CASE WHEN status IN ('splitting', 'embedding') AND chunks_total IS NOT NULL AND chunks_done + counted.n >= chunks_total
                          THEN 'indexed' ELSE status END,
            indexed_at = CASE WHEN status IN ('splitting', 'embedding') AND chunks_total IS NOT NULL AND chunks_done + counted.n >= chunks_total
                              THEN @now ELSE indexed_at END,
            updated_at = @now
        FROM counted
        WHERE id = @id
        RETURNING status, chunks_done, chunks_total
        """;

    public async Task EnsureCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT INTO collections(name, created_at) VALUES (@name, @now) ON CONFLICT DO NOTHING",
            p => p.AddWithValue("name", collection),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<DocumentRecord> CreateAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        // The live copy the insert collided with may fail or be deleted before it is read; then the insert is tried again.
        for (var attempt = 0; ; attempt++)
        {
            var inserted = await ExecuteAsync(
                """
                INSERT INTO documents(id, job_id, collection, file_name, content_type, blob_key, size_bytes, sha256, status, accepted_at, updated_at)
                VALUES (@id, @job, @collection, @fileName, @contentType, @blobKey, @size, @sha256, 'accepted', @acceptedAt, @now)
                ON CONFLICT (collection, sha256) WHERE status NOT IN ('failed', 'deleted') DO NOTHING
                """,
                p =>
                {
                    p.AddWithValue("id", document.DocumentId);
                    p.AddWithValue("job", document.JobId);
                    p.AddWithValue("collection", document.Collection);
                    p.AddWithValue("fileName", document.FileName);
                    p.AddWithValue("contentType", document.ContentType);
                    p.AddWithValue("blobKey", document.BlobKey);
                    p.AddWithValue("size", document.SizeBytes);
                    p.AddWithValue("sha256", document.Sha256);
                    p.AddWithValue("acceptedAt", document.AcceptedAt.ToUniversalTime());
                },
                cancellationToken).ConfigureAwait(false);
            if (inserted > 0)
            {
                return (await GetAsync(document.DocumentId, cancellationToken).ConfigureAwait(false))!;
            }

            if (await FindLiveCopyAsync(document.Collection, document.Sha256, cancellationToken).ConfigureAwait(false) is { } live)
            {
                return live;
            }

            if (attempt >= 2)
            {
                throw new InvalidOperationException($"Document {document.DocumentId} kept colliding with a copy of its bytes that vanished.");
            }
        }
    }

    public async Task<DocumentRecord?> GetAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(SelectColumns + " WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", documentId);
            var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }
    }

    public async Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = " WHERE status <> 'deleted' AND (@collection::text IS NULL OR collection = @collection) AND (@status::text IS NULL OR status = @status)"
            + " AND " + TenantFilter.Postgres("collection", "@tenant");
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(SelectColumns + filter + " ORDER BY id DESC LIMIT @limit OFFSET @offset", connection);
            command.Parameters.Add("collection", NpgsqlDbType.Text).Value = (object?)query.Collection ?? DBNull.Value;
            command.Parameters.Add("status", NpgsqlDbType.Text).Value = query.Status is { } s ? StatusText(s) : DBNull.Value;
            command.Parameters.Add("tenant", NpgsqlDbType.Text).Value = (object?)query.Tenant ?? DBNull.Value;
            command.Parameters.AddWithValue("limit", query.PageSize);
            command.Parameters.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);
            var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);

            command.CommandText = "SELECT count(*)::integer FROM documents" + filter;
            var total = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new DocumentPage(items, total);
        }
    }

    public async Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(DocumentRecordReader.CollectionCountsSql, connection);
            return await DocumentRecordReader.ReadCollectionSummariesAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DocumentRecord?> TryStartSplittingAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var changed = await QueryAsync(
            """
            UPDATE documents SET status = CASE status WHEN 'accepted' THEN 'splitting' ELSE status END,
                splitting_at = coalesce(splitting_at, @now), updated_at = @now
            WHERE id = @id AND status IN ('accepted', 'splitting', 'embedding')
            """ + Returning,
            p => p.AddWithValue("id", documentId),
            cancellationToken).ConfigureAwait(false);
        return changed.Count == 0 ? null : changed[0];
    }

    public async Task<DocumentRecord?> SetChunksTotalAsync(Guid documentId, int chunksTotal, CancellationToken cancellationToken)
    {
        // One statement: chunks embedded before the total was known (a redelivered split) may already complete the set.
        var changed = await QueryAsync(
            """
            UPDATE documents SET chunks_total = @total,
                status = CASE WHEN chunks_done >= @total THEN 'indexed' ELSE 'embedding' END,
                embedding_at = coalesce(embedding_at, @now),
                indexed_at = CASE WHEN chunks_done >= @total THEN @now ELSE indexed_at END,
                updated_at = @now
            WHERE id = @id AND status IN ('splitting', 'embedding')
            """ + Returning,
            p =>
            {
                p.AddWithValue("id", documentId);
                p.AddWithValue("total", chunksTotal);
            },
            cancellationToken).ConfigureAwait(false);
        return changed.Count == 0 ? null : changed[0];
    }

    public async Task<IReadOnlySet<int>> GetDoneChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT ordinal FROM chunks_done WHERE document_id = @id", connection);
            command.Parameters.AddWithValue("id", documentId);
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
        var now = timeProvider.GetUtcNow();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var progress = new List<DocumentProgress>();
                // Documents and ordinals in one global order: two batches that overlap take their locks in the same order, so they cannot deadlock.
                foreach (var document in chunks.GroupBy(c => c.DocumentId).OrderBy(g => g.Key))
                {
                    using var command = new NpgsqlCommand(MarkDone, connection, transaction);
                    command.Parameters.AddWithValue("id", document.Key);
                    command.Parameters.AddWithValue("ordinals", document.Select(c => c.Ordinal).Distinct().Order().ToArray());
                    command.Parameters.AddWithValue("now", now);
                    if (await DocumentRecordReader.ReadProgressAsync(command, document.Key, cancellationToken).ConfigureAwait(false) is { } done)
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
            UPDATE documents SET status = 'failed', error = @reason, failed_at = @now, updated_at = @now
            WHERE id = @id AND status NOT IN ('indexed', 'failed', 'deleted')
            """,
            p =>
            {
                p.AddWithValue("id", documentId);
                p.AddWithValue("reason", reason);
            },
            cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task RecordRetryAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "UPDATE documents SET retries = retries + 1 WHERE id = @id",
            p => p.AddWithValue("id", documentId),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReopenAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(
            """
            UPDATE documents SET status = CASE WHEN chunks_total IS NULL THEN 'accepted' ELSE 'embedding' END,
                error = NULL, failed_at = NULL, updated_at = @now
            WHERE id = @id AND status = 'failed'
            """,
            p => p.AddWithValue("id", documentId),
            cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<IReadOnlyList<DocumentRecord>> ClaimStuckAsync(DateTimeOffset noProgressSince, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            ClaimStuck,
            p =>
            {
                p.AddWithValue("since", noProgressSince.ToUniversalTime());
                p.AddWithValue("limit", limit);
            },
            cancellationToken).ConfigureAwait(false);

    public async Task<DocumentRecord?> MarkDeletedAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            "UPDATE documents SET status = 'deleted', updated_at = @now WHERE id = @id" + Returning,
            p => p.AddWithValue("id", documentId),
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<DocumentRecord>> MarkCollectionDeletedAsync(string collection, CancellationToken cancellationToken) =>
        await QueryAsync(
            "UPDATE documents SET status = 'deleted', updated_at = @now WHERE collection = @collection" + Returning,
            p => p.AddWithValue("collection", collection),
            cancellationToken).ConfigureAwait(false);

    public async Task PurgeAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Done rows go unless their document is live: that also clears rows a late embedder wrote for a purged document.
        await ExecuteAsync(
            """
            WITH gone AS (DELETE FROM documents WHERE id = @id AND status = 'deleted')
            DELETE FROM chunks_done WHERE document_id = @id
                AND NOT EXISTS (SELECT 1 FROM documents WHERE id = @id AND status <> 'deleted')
            """,
            p => p.AddWithValue("id", documentId),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DocumentRecord?> FindLiveCopyAsync(string collection, string sha256, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            SelectColumns + " WHERE collection = @collection AND sha256 = @sha256 AND status NOT IN ('failed', 'deleted')",
            p =>
            {
                p.AddWithValue("collection", collection);
                p.AddWithValue("sha256", sha256);
            },
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private async Task<List<DocumentRecord>> QueryAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
            bind(command.Parameters);
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<List<DocumentRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        DocumentRecordReader.ReadAllAsync(command, cancellationToken);

    private static string StatusText(DocumentStatus status) => status.ToString().ToLowerInvariant();

}

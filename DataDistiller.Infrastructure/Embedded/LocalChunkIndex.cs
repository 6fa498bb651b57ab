using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// The embedded chunk index: chunks, vectors and an FTS5 BM25 index in one SQLite file (the durable copy),
/// and every collection's vectors in memory for exact dense search, loaded at start.
/// </summary>
public sealed class LocalChunkIndex : IChunkIndex, IDisposable
{
    public const string FileName = "index.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS index_collections(
            name TEXT PRIMARY KEY,
            model_id TEXT NOT NULL,
            dimensions INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS chunks(
            rowid INTEGER PRIMARY KEY,
            chunk_id TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL,
            collection TEXT NOT NULL,
            file_name TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            page_start INTEGER NOT NULL,
            page_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            vector BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks(document_id, ordinal);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
            text, collection UNINDEXED, content='chunks', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text, collection) VALUES (new.rowid, new.text, new.collection);
        END;
        CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text, collection) VALUES ('delete', old.rowid, old.text, old.collection);
        END;
        CREATE TRIGGER IF NOT EXISTS chunks_au AFTER UPDATE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text, collection) VALUES ('delete', old.rowid, old.text, old.collection);
            INSERT INTO chunks_fts(rowid, text, collection) VALUES (new.rowid, new.text, new.collection);
        END;
        """;

    private const string ChunkColumns = "c.rowid, c.chunk_id, c.document_id, c.collection, c.file_name, c.ordinal, c.page_start, c.page_end, c.text";

    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<string, EmbeddingModelInfo> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DenseVectorSet> _vectors = new(StringComparer.Ordinal);

    public LocalChunkIndex(string path)
    {
        _database = new SqliteDatabase(path, Schema);
        Load();
    }

    public async Task EnsureCollectionAsync(string collection, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_models.TryGetValue(collection, out var known))
        {
            ThrowIfMismatch(collection, known, model);
            return;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO index_collections(name, model_id, dimensions) VALUES ($name, $model, $dimensions);
                SELECT model_id, dimensions FROM index_collections WHERE name = $name;
                """;
            command.Parameters.AddWithValue("$name", collection);
            command.Parameters.AddWithValue("$model", model.ModelId);
            command.Parameters.AddWithValue("$dimensions", model.Dimensions);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var stored = new EmbeddingModelInfo(reader.GetString(0), reader.GetInt32(1));
                ThrowIfMismatch(collection, stored, model);
                _models[collection] = stored;
                _vectors.GetOrAdd(collection, _ => new DenseVectorSet(stored.Dimensions));
            }
        }
    }

    public Task<EmbeddingModelInfo?> GetCollectionModelAsync(string collection, CancellationToken cancellationToken) =>
        Task.FromResult(_models.TryGetValue(collection, out var model) ? model : null);

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var rows = new List<(string Collection, long Row, ReadOnlyMemory<float> Vector)>(chunks.Count);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var (chunk, vector) in chunks)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = """
                        INSERT INTO chunks(chunk_id, document_id, collection, file_name, ordinal, page_start, page_end, text, vector)
                        VALUES ($chunkId, $documentId, $collection, $fileName, $ordinal, $pageStart, $pageEnd, $text, $vector)
                        ON CONFLICT(chunk_id) DO UPDATE SET document_id = excluded.document_id, collection = excluded.collection,
                            file_name = excluded.file_name, ordinal = excluded.ordinal, page_start = excluded.page_start,
                            page_end = excluded.page_end, text = excluded.text, vector = excluded.vector
                        RETURNING rowid;
                        """;
                    command.Parameters.AddWithValue("$chunkId", chunk.ChunkId);
                    command.Parameters.AddWithValue("$documentId", chunk.DocumentId.ToString());
                    command.Parameters.AddWithValue("$collection", chunk.Collection);
                    command.Parameters.AddWithValue("$fileName", chunk.FileName);
                    command.Parameters.AddWithValue("$ordinal", chunk.Ordinal);
                    command.Parameters.AddWithValue("$pageStart", chunk.PageStart);
                    command.Parameters.AddWithValue("$pageEnd", chunk.PageEnd);
                    command.Parameters.AddWithValue("$text", chunk.Text);
                    command.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(vector.Span).ToArray());
                    var row = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    rows.Add((chunk.Collection, row, vector));
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Memory follows the durable copy; a crash before this line is repaired by Load at the next start.
        foreach (var (collection, row, vector) in rows)
        {
            VectorsOf(collection, vector.Length).Upsert(row, vector.Span);
        }
    }

    public async Task<IReadOnlyList<ChunkMatch>> SearchDenseAsync(string collection, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken)
    {
        if (!_vectors.TryGetValue(collection, out var vectors))
        {
            return [];
        }

        var best = vectors.Search(query.Span, k);
        var chunks = await ReadChunksAsync(best.Select(b => b.Row).ToList(), cancellationToken).ConfigureAwait(false);
        return [.. best.Where(b => chunks.ContainsKey(b.Row)).Select(b => new ChunkMatch(chunks[b.Row], b.Score))];
    }

    public async Task<IReadOnlyList<ChunkMatch>> SearchKeywordAsync(string collection, string query, int k, CancellationToken cancellationToken)
    {
        if (Fts5Query.From(query) is not { } match)
        {
            return [];
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // FTS5's bm25() is lower-is-better; negated so every leg scores higher-is-better.
            command.CommandText = $"""
                SELECT {ChunkColumns}, -bm25(chunks_fts) AS score
                FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid
                WHERE chunks_fts MATCH $match AND chunks_fts.collection = $collection
                ORDER BY bm25(chunks_fts) LIMIT $k
                """;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$collection", collection);
            command.Parameters.AddWithValue("$k", k);
            var matches = new List<ChunkMatch>(k);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    matches.Add(new ChunkMatch(ReadChunk(reader), reader.GetDouble(9)));
                }
            }

            return matches;
        }
    }

    public async Task<IReadOnlyList<ChunkInfo>> GetDocumentChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ChunkColumns} FROM chunks c WHERE c.document_id = $documentId ORDER BY c.ordinal";
            command.Parameters.AddWithValue("$documentId", documentId.ToString());
            var chunks = new List<ChunkInfo>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    chunks.Add(ReadChunk(reader));
                }
            }

            return chunks;
        }
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var removed = new List<(string Collection, long Row)>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The chunks_ad trigger takes each row out of the FTS5 index in the same transaction.
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM chunks WHERE document_id = $documentId RETURNING collection, rowid";
            command.Parameters.AddWithValue("$documentId", documentId.ToString());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    removed.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
        }

        // Memory follows the durable copy; a crash before this line leaves nothing behind, since Load reads only the rows.
        foreach (var (collection, row) in removed)
        {
            if (_vectors.TryGetValue(collection, out var vectors))
            {
                vectors.Remove(row);
            }
        }
    }

    /// <summary>How many dense vectors a collection holds in memory; lets tests prove a delete left none behind.</summary>
    public int InMemoryVectorCount(string collection) => _vectors.TryGetValue(collection, out var vectors) ? vectors.Count : 0;

    private async Task<Dictionary<long, ChunkInfo>> ReadChunksAsync(List<long> rows, CancellationToken cancellationToken)
    {
        var chunks = new Dictionary<long, ChunkInfo>(rows.Count);
        if (rows.Count == 0)
        {
            return chunks;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            var names = rows.Select((row, i) => $"$r{i}").ToList();
            command.CommandText = $"SELECT {ChunkColumns} FROM chunks c WHERE c.rowid IN ({string.Join(',', names)})";
            for (var i = 0; i < rows.Count; i++)
            {
                command.Parameters.AddWithValue(names[i], rows[i]);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    chunks[reader.GetInt64(0)] = ReadChunk(reader);
                }
            }
        }

        return chunks;
    }

    private void Load()
    {
        using var connection = _database.Open();
        using var collections = connection.CreateCommand();
        collections.CommandText = "SELECT name, model_id, dimensions FROM index_collections";
        using (var reader = collections.ExecuteReader())
        {
            while (reader.Read())
            {
                var model = new EmbeddingModelInfo(reader.GetString(1), reader.GetInt32(2));
                _models[reader.GetString(0)] = model;
                _vectors[reader.GetString(0)] = new DenseVectorSet(model.Dimensions);
            }
        }

        using var vectors = connection.CreateCommand();
        vectors.CommandText = "SELECT rowid, collection, vector FROM chunks";
        using var rows = vectors.ExecuteReader();
        while (rows.Read())
        {
            var vector = MemoryMarshal.Cast<byte, float>((byte[])rows.GetValue(2));
            VectorsOf(rows.GetString(1), vector.Length).Upsert(rows.GetInt64(0), vector);
        }
    }

    public void Dispose()
    {
        foreach (var vectors in _vectors.Values)
        {
            vectors.Dispose();
        }

        _database.Dispose();
    }

    private DenseVectorSet VectorsOf(string collection, int dimensions) =>
        _vectors.GetOrAdd(collection, _ => new DenseVectorSet(dimensions));

    private static ChunkInfo ReadChunk(SqliteDataReader reader) => new(
        reader.GetString(1),
        Guid.Parse(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.GetString(8));

    private static void ThrowIfMismatch(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested)
    {
        if (stored != requested)
        {
            throw EmbeddingModelMismatchException.For(collection, stored, requested);
        }
    }
}

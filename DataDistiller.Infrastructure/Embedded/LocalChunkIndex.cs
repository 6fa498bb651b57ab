using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Lexical;
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
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vocab USING fts5vocab(chunks_fts, row);
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

    /// <summary>A query term in more than this fraction of all chunks is common (see <see cref="WithoutCommonTermsAsync"/>).</summary>
    public const double CommonTermFraction = 0.1;

    // Below this a BM25 query is fast whatever its terms, and document frequencies of a small index say little.
    private const long DefaultCommonTermsFrom = 10_000;

    private const string ChunkColumns = "c.rowid, c.chunk_id, c.document_id, c.collection, c.file_name, c.ordinal, c.page_start, c.page_end, c.text";

    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<string, EmbeddingModelInfo> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DenseVectorSet> _vectors = new(StringComparer.Ordinal);

    private readonly long _commonTermsFrom;

    public LocalChunkIndex(string path)
        : this(path, DefaultCommonTermsFrom)
    {
    }

    /// <summary>With common-term pruning from <paramref name="commonTermsFrom"/> chunks on (tests use small indexes).</summary>
    internal LocalChunkIndex(string path, long commonTermsFrom)
    {
        _commonTermsFrom = commonTermsFrom;
        _database = new SqliteDatabase(path, Schema);
        // Vectors load on a pool thread while the host goes on starting (the model loads meanwhile, on the other core);
        // every call waits for them, and LocalChunkIndexLoad holds the host's start until they are in.
        Loaded = Task.Run(Load);
    }

    /// <summary>Completes when every stored vector is in memory; faults if the index cannot be read.</summary>
    public Task Loaded { get; }

    public async Task EnsureCollectionAsync(string collection, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task<EmbeddingModelInfo?> GetCollectionModelAsync(string collection, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _models.TryGetValue(collection, out var model) ? model : null;
    }

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        ArgumentNullException.ThrowIfNull(chunks);
        var rows = new List<(string Collection, long Row, ReadOnlyMemory<float> Vector)>(chunks.Count);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction();
            await using (transaction.ConfigureAwait(false))
            {
                // One command for the batch: SQLite prepares the statement once and each row only rebinds its values.
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO chunks(chunk_id, document_id, collection, file_name, ordinal, page_start, page_end, text, vector)
                    VALUES ($chunkId, $documentId, $collection, $fileName, $ordinal, $pageStart, $pageEnd, $text, $vector)
                    ON CONFLICT(chunk_id) DO UPDATE SET document_id = excluded.document_id, collection = excluded.collection,
                        file_name = excluded.file_name, ordinal = excluded.ordinal, page_start = excluded.page_start,
                        page_end = excluded.page_end, text = excluded.text, vector = excluded.vector
                    RETURNING rowid;
                    """;
                var chunkId = command.Parameters.Add("$chunkId", SqliteType.Text);
                var documentId = command.Parameters.Add("$documentId", SqliteType.Text);
                var collection = command.Parameters.Add("$collection", SqliteType.Text);
                var fileName = command.Parameters.Add("$fileName", SqliteType.Text);
                var ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
                var pageStart = command.Parameters.Add("$pageStart", SqliteType.Integer);
                var pageEnd = command.Parameters.Add("$pageEnd", SqliteType.Integer);
                var text = command.Parameters.Add("$text", SqliteType.Text);
                var blob = command.Parameters.Add("$vector", SqliteType.Blob);
                foreach (var (chunk, vector) in chunks)
                {
                    chunkId.Value = chunk.ChunkId;
                    documentId.Value = chunk.DocumentId.ToString();
                    collection.Value = chunk.Collection;
                    fileName.Value = chunk.FileName;
                    ordinal.Value = chunk.Ordinal;
                    pageStart.Value = chunk.PageStart;
                    pageEnd.Value = chunk.PageEnd;
                    text.Value = chunk.Text;
                    blob.Value = MemoryMarshal.AsBytes(vector.Span).ToArray();
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
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        var words = Bm25Tokenizer.QueryWords(query);
        if (words.Count == 0)
        {
            return [];
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rare = await WithoutCommonTermsAsync(connection, collection, words, cancellationToken).ConfigureAwait(false);
            var matches = await MatchAsync(connection, collection, rare, k, cancellationToken).ConfigureAwait(false);
            // Document frequencies span every collection: a word common elsewhere may be what this collection needs.
            return matches.Count < k && rare.Count < words.Count
                ? await MatchAsync(connection, collection, words, k, cancellationToken).ConfigureAwait(false)
                : matches;
        }
    }

    private async Task<List<ChunkMatch>> MatchAsync(
        SqliteConnection connection, string collection, IReadOnlyList<string> words, int k, CancellationToken cancellationToken)
    {
        if (k <= 0 || !_vectors.TryGetValue(collection, out var members))
        {
            return [];
        }

        var best = new List<(long Row, double Score)>(k);
        using (var command = connection.CreateCommand())
        {
            // Ranked over the whole index, then kept if the collection's in-memory set holds the row. Filtering on FTS5's
            // collection column instead reads every matching chunk's row from the table: 2 s instead of 0.2 s for 50,000
            // matches at 1M chunks. BM25's statistics span the whole index either way, so the ranking is the same.
            // FTS5's bm25() is lower-is-better; negated so every leg scores higher-is-better.
            command.CommandText = "SELECT rowid, -bm25(chunks_fts) FROM chunks_fts WHERE chunks_fts MATCH $match ORDER BY bm25(chunks_fts)";
            command.Parameters.AddWithValue("$match", Fts5Query.From(words)!);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (best.Count < k && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = reader.GetInt64(0);
                    if (members.Contains(row))
                    {
                        best.Add((row, reader.GetDouble(1)));
                    }
                }
            }
        }

        var chunks = await ReadChunksAsync([.. best.Select(b => b.Row)], cancellationToken).ConfigureAwait(false);
        return [.. best.Where(b => chunks.TryGetValue(b.Row, out var chunk) && chunk.Collection == collection).Select(b => new ChunkMatch(chunks[b.Row], b.Score))];
    }

    /// <summary>
    /// The words of a question less its common terms: those in more than <see cref="CommonTermFraction"/> of the chunks,
    /// as long as a rarer word remains. FTS5 scores every chunk that holds any query term, so one such word makes BM25
    /// score a large part of the index (seconds at a million chunks), while its IDF, and so its share of any chunk's
    /// score, is small (BM25's IDF is ln((N − df + 0.5) / (df + 0.5)): 2.2 at 10 %, against 6.9 at 0.1 %). This is
    /// Lucene's common-terms idea, simplified: a common word is dropped rather than scored only on the rare words' hits.
    /// A question made only of common words keeps them all, and one whose rare words find fewer than k chunks of the
    /// collection is asked again with every word. Only collections of at least the threshold size are pruned.
    /// </summary>
    private async Task<IReadOnlyList<string>> WithoutCommonTermsAsync(
        SqliteConnection connection, string collection, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        if (words.Count < 2 || InMemoryVectorCount(collection) < _commonTermsFrom)
        {
            return words;
        }

        // fts5vocab counts over the whole index, so the fraction is of every chunk too.
        var total = _vectors.Values.Sum(v => (long)v.Count);

        using var command = connection.CreateCommand();
        // fts5vocab counts a term's documents by walking its posting list: cheap next to scoring and sorting them.
        command.CommandText = "SELECT doc FROM chunks_vocab WHERE term = $term";
        var term = command.Parameters.Add("$term", SqliteType.Text);
        var rare = new List<string>(words.Count);
        foreach (var word in words)
        {
            term.Value = PorterStemmer.Stem(word);
            var documents = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long df ? df : 0;
            if (documents <= total * CommonTermFraction)
            {
                rare.Add(word);
            }
        }

        return rare.Count > 0 ? rare : words;
    }

    public async Task<IReadOnlyList<ChunkInfo>> GetDocumentChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
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
    public int InMemoryVectorCount(string collection)
    {
        Loaded.GetAwaiter().GetResult();
        return _vectors.TryGetValue(collection, out var vectors) ? vectors.Count : 0;
    }

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

    // Every other member waits for this, so no other thread sees the sets while they fill without their locks.
    private void Load()
    {
        using var connection = _database.Open();
        var models = new List<(string Name, EmbeddingModelInfo Model)>();
        using (var collections = connection.CreateCommand())
        {
            collections.CommandText = "SELECT name, model_id, dimensions FROM index_collections";
            using var reader = collections.ExecuteReader();
            while (reader.Read())
            {
                models.Add((reader.GetString(0), new EmbeddingModelInfo(reader.GetString(1), reader.GetInt32(2))));
            }
        }

        // Counting reads the small document index, not the table. With one collection (the usual case) its arrays are
        // sized once; with several, each grows from the default size instead of every one taking the total.
        long total;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM chunks";
            total = (long)count.ExecuteScalar()!;
        }

        var capacity = models.Count == 1 ? (int)Math.Min(total, Array.MaxLength) : DenseVectorSet.DefaultCapacity;
        foreach (var (name, model) in models)
        {
            _models[name] = model;
            _vectors[name] = new DenseVectorSet(model.Dimensions, capacity);
        }

        using var vectors = connection.CreateCommand();
        vectors.CommandText = "SELECT rowid, collection, vector FROM chunks";
        using var rows = vectors.ExecuteReader();
        var buffer = new byte[4096];
        while (rows.Read())
        {
            // Copied into one reused buffer rather than a new byte[] per row.
            var length = (int)rows.GetBytes(2, 0, null, 0, 0);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }

            rows.GetBytes(2, 0, buffer, 0, length);
            var vector = MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, length));
            VectorsOf(rows.GetString(1), vector.Length).UpsertUnshared(rows.GetInt64(0), vector);
        }
    }

    public void Dispose()
    {
        // The load reads through the database: it must end before the database closes, however it ends.
        ((IAsyncResult)Loaded).AsyncWaitHandle.WaitOne();
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

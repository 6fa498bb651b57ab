using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

/// <summary>The chunk index contract on the local index (SQLite FTS5 and in-memory vectors).</summary>
public sealed class LocalChunkIndexTests : ChunkIndexContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<LocalChunkIndex> _opened = [];

    public void Dispose()
    {
        foreach (var index in _opened)
        {
            index.Dispose();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task DeleteDocument_LeavesNoChunkRowFtsEntryOrInMemoryVector()
    {
        // Arrange
        var index = (LocalChunkIndex)Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "the quick brown fox"), Chunk(1, "a lazy fox sleeps")], Ct);

        // Act
        await index.DeleteDocumentAsync(Document, Ct);

        // Assert: read the file directly, past the index's own queries
        Assert.Equal(0, index.InMemoryVectorCount(Collection("c")));
        await using var connection = new SqliteConnection($"Data Source={_dir.File(LocalChunkIndex.FileName)}");
        await connection.OpenAsync(Ct);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM chunks"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'fox'"));
    }

    [Fact]
    public async Task Open_WhenAStoredVectorCannotBeLoaded_FailsEveryCallAndTheHostsStart()
    {
        // Arrange: a vector of the wrong length in the durable copy (a damaged file)
        var index = (LocalChunkIndex)Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "the quick brown fox")], Ct);
        await using (var connection = new SqliteConnection($"Data Source={_dir.File(LocalChunkIndex.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE chunks SET vector = zeroblob(12)";
            await damage.ExecuteNonQueryAsync(Ct);
        }

        // Act
        var reopened = (LocalChunkIndex)Open();
        var search = await Assert.ThrowsAsync<ArgumentException>(() => reopened.SearchKeywordAsync(Collection("c"), "fox", 5, Ct));
        var start = await Assert.ThrowsAsync<ArgumentException>(() => new LocalChunkIndexLoad(reopened).StartedAsync(Ct));

        // Assert
        Assert.Contains("dimensions", search.Message, StringComparison.Ordinal);
        Assert.Same(search, start);
    }

    [Fact]
    public async Task Open_AfterUpsertsReindexingAndDeletes_LoadsTheSameVectorsAsTheRunningIndex()
    {
        // Arrange: two collections, re-indexed chunks (an upsert of an existing row) and a deleted document
        var index = (LocalChunkIndex)Open();
        await index.EnsureCollectionAsync(Collection("a"), Model, Ct);
        await index.EnsureCollectionAsync(Collection("b"), Model, Ct);
        var removed = Guid.CreateVersion7();
        var words = new[] { "river", "delta", "flood", "normans", "castle", "kafka", "offset", "light", "sugar", "tide" };
        var random = new Random(11);
        string Text() => string.Join(' ', Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]));
        await index.UpsertAsync([.. Enumerable.Range(0, 300).Select(i => Chunk(i, Text(), Collection(i % 3 == 0 ? "b" : "a")))], Ct);
        await index.UpsertAsync([.. Enumerable.Range(0, 100).Select(i => Chunk(i, Text(), Collection(i % 3 == 0 ? "b" : "a")))], Ct);
        await index.UpsertAsync([.. Enumerable.Range(0, 50).Select(i => Chunk(i, Text(), Collection("a"), removed))], Ct);
        await index.DeleteDocumentAsync(removed, Ct);

        // Act
        var reopened = (LocalChunkIndex)Open();

        // Assert
        foreach (var collection in new[] { Collection("a"), Collection("b") })
        {
            Assert.Equal(index.InMemoryVectorCount(collection), reopened.InMemoryVectorCount(collection));
            foreach (var question in words)
            {
                var vector = new FakeEmbeddingGenerator().Embed(question);
                var running = await index.SearchDenseAsync(collection, vector, 300, Ct);
                var loaded = await reopened.SearchDenseAsync(collection, vector, 300, Ct);
                Assert.Equal(Sorted(running), Sorted(loaded));
            }
        }

        Assert.Equal(200, reopened.InMemoryVectorCount(Collection("a")));
        Assert.Equal(100, reopened.InMemoryVectorCount(Collection("b")));
    }

    [Fact]
    public async Task SearchKeyword_WithACommonWord_ScoresByTheRareWordsAlone()
    {
        // Arrange: "river" is in 11 of 43 chunks (common), "delta" in 3 (rare)
        var index = await OpenWithCommonWordsAsync();

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "Where does the river meet the delta?", 3, Ct);

        // Assert: the chunk that also holds "river" gains nothing from it
        Assert.Equal([40, 41, 42], hits.Select(m => m.Chunk.Ordinal).Order());
        Assert.Equal(hits.Single(m => m.Chunk.Ordinal == 41).Score, hits.Single(m => m.Chunk.Ordinal == 40).Score, 9);
    }

    [Fact]
    public async Task SearchKeyword_WhenTheRareWordsFindFewerThanK_AsksWithEveryWord()
    {
        // Arrange
        var index = await OpenWithCommonWordsAsync();

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "Where does the river meet the delta?", 10, Ct);

        // Assert
        Assert.Equal(10, hits.Count);
        Assert.Equal(40, hits[0].Chunk.Ordinal);
        Assert.Contains(hits, m => m.Chunk.Text.StartsWith("river flows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchKeyword_WithOnlyCommonWords_KeepsThem()
    {
        // Arrange
        var index = await OpenWithCommonWordsAsync();

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "river flows", 20, Ct);

        // Assert
        Assert.Equal(11, hits.Count);
        Assert.All(hits.Take(10), m => Assert.StartsWith("river flows", m.Chunk.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchKeyword_OnASmallIndex_KeepsEveryWord()
    {
        // Arrange: the same chunks, below the size from which common words are left out
        var index = (LocalChunkIndex)Open();
        await FillWithCommonWordsAsync(index);

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "Where does the river meet the delta?", 3, Ct);

        // Assert
        Assert.Equal(40, hits[0].Chunk.Ordinal);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    private async Task<LocalChunkIndex> OpenWithCommonWordsAsync()
    {
        var index = new LocalChunkIndex(_dir.File(LocalChunkIndex.FileName), commonTermsFrom: 0);
        _opened.Add(index);
        await FillWithCommonWordsAsync(index);
        return index;
    }

    private async Task FillWithCommonWordsAsync(LocalChunkIndex index)
    {
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync(
            [
                .. Enumerable.Range(0, 30).Select(i => Chunk(i, $"town {i} market square")),
                .. Enumerable.Range(30, 10).Select(i => Chunk(i, $"river flows past town {i}")),
                Chunk(40, "delta river town x"), Chunk(41, "delta mouth town y"), Chunk(42, "delta plain town z"),
            ],
            Ct);
    }

    // Chunks with the same words tie; their order depends on the slots, which a reload renumbers.
    private static List<(double Score, string ChunkId, string Text)> Sorted(IReadOnlyList<ChunkMatch> matches) =>
        [.. matches.Select(m => (m.Score, m.Chunk.ChunkId, m.Chunk.Text)).OrderByDescending(m => m.Score).ThenBy(m => m.ChunkId, StringComparer.Ordinal)];

    private async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    protected override IChunkIndex Open()
    {
        var index = new LocalChunkIndex(_dir.File(LocalChunkIndex.FileName));
        _opened.Add(index);
        return index;
    }
}

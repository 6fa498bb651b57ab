using DataDistiller.Core.Ports;
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

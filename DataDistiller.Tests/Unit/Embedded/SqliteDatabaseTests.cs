using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task OpenAsync_WhenThePooledConnectionIsReused_StillCarriesEverySetting()
    {
        // Arrange: the settings are applied once per native connection, so a reused one must still hold them.
        using var database = new SqliteDatabase(_dir.File("settings.db"), "CREATE TABLE IF NOT EXISTS t(x INTEGER);");
        var ct = TestContext.Current.CancellationToken;
        object? firstHandle;
        await using (var first = await database.OpenAsync(ct))
        {
            firstHandle = first.Handle;
        }

        // Act
        await using var second = await database.OpenAsync(ct);

        // Assert
        Assert.Same(firstHandle, second.Handle);
        Assert.Equal(1L, Pragma(second, "foreign_keys"));
        Assert.Equal(1L, Pragma(second, "synchronous"));
        Assert.Equal(0L, Pragma(second, "wal_autocheckpoint"));
    }

    [Fact]
    public void Open_WhenTheNativeConnectionIsNew_AppliesEverySetting()
    {
        // Arrange: a cleared pool forces a new native connection, which must get the settings too.
        using var database = new SqliteDatabase(_dir.File("fresh.db"), "CREATE TABLE IF NOT EXISTS t(x INTEGER);");
        using (var warm = database.Open())
        {
            SqliteConnection.ClearPool(warm);
        }

        // Act
        using var connection = database.Open();

        // Assert
        Assert.Equal(1L, Pragma(connection, "foreign_keys"));
    }

    [Fact]
    public async Task Write_WhenAnotherWriterHoldsTheLockPastTheCommandTimeout_WaitsForItInsteadOfFailing()
    {
        // Arrange: a writer holds the lock for longer than the second connection's command timeout. Microsoft.Data.Sqlite's
        // own retry gives up at that timeout ("database is locked"); SQLite's busy handler, set on every connection, waits on.
        var ct = TestContext.Current.CancellationToken;
        using var database = new SqliteDatabase(_dir.File("busy.db"), "CREATE TABLE IF NOT EXISTS t(x INTEGER);");
        using var holder = database.Open();
        using var held = holder.BeginTransaction();
        Execute(holder, "INSERT INTO t VALUES (1);");
        await using var waiter = await database.OpenAsync(ct);
        using var insert = waiter.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES (2);";
        insert.CommandTimeout = 1;

        // Act
        var write = Task.Run(() => insert.ExecuteNonQuery(), ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        held.Commit();
        await write;

        // Assert
        using var count = holder.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t;";
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }
}

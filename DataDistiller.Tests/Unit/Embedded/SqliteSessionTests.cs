using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteSessionTests : IDisposable
{
    private const string Insert = "INSERT INTO t(x) VALUES ($x)";
    private readonly TempDirectory _dir = new();
    private readonly SqliteDatabase _database;

    public SqliteSessionTests() => _database = new SqliteDatabase(_dir.File("sessions.db"), "CREATE TABLE IF NOT EXISTS t(x INTEGER);");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Command_InALaterLeaseOfTheSameSession_IsTheSamePreparedCommandWithNoParameters()
    {
        // Arrange
        Microsoft.Data.Sqlite.SqliteCommand first;
        await using (var session = await _database.LeaseAsync(Ct))
        {
            first = session.Command(Insert);
            first.Parameters.AddWithValue("$x", 1);
            await first.ExecuteNonQueryAsync(Ct);
        }

        // Act
        await using var again = await _database.LeaseAsync(Ct);
        var second = again.Command(Insert);

        // Assert
        Assert.Same(first, second);
        Assert.Empty(second.Parameters);
    }

    [Fact]
    public async Task Command_AfterTheTransactionEnds_RunsOutsideItAndAnUncommittedWriteIsRolledBack()
    {
        // Arrange
        await using var session = await _database.LeaseAsync(Ct);
        await using (var committed = session.BeginTransaction())
        {
            await InsertAsync(session, 1);
            await committed.CommitAsync(Ct);
        }

        await using (session.BeginTransaction())
        {
            await InsertAsync(session, 2);
        }

        // Act: the same prepared command, now with no transaction open
        await InsertAsync(session, 3);

        // Assert
        var count = session.Command("SELECT group_concat(x) FROM t");
        Assert.Equal("1,3", await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Dispose_WithATransactionStillOpen_ClosesTheConnectionAndItsWriteIsRolledBack()
    {
        // Arrange
        var session = await _database.LeaseAsync(Ct);
        _ = session.BeginTransaction();
        await InsertAsync(session, 1);

        // Act
        await session.DisposeAsync();

        // Assert: the next lease is a clean connection that can begin its own transaction
        await using var next = await _database.LeaseAsync(Ct);
        await using var transaction = next.BeginTransaction();
        Assert.Equal(System.Data.ConnectionState.Closed, session.Connection.State);
        Assert.Equal(0L, await next.Command("SELECT count(*) FROM t").ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Dispose_Twice_ReturnsTheSessionToThePoolOnce()
    {
        // Arrange
        var session = await _database.LeaseAsync(Ct);

        // Act
        await session.DisposeAsync();
        await session.DisposeAsync();

        // Assert: two leases at once never share a connection
        await using var first = await _database.LeaseAsync(Ct);
        await using var second = await _database.LeaseAsync(Ct);
        Assert.NotSame(first.Connection, second.Connection);
    }

    [Fact]
    public async Task Return_WhenTheDatabaseIsDisposed_ClosesTheConnection()
    {
        // Arrange
        var session = await _database.LeaseAsync(Ct);
        _database.Dispose();

        // Act
        await session.DisposeAsync();

        // Assert
        Assert.Equal(System.Data.ConnectionState.Closed, session.Connection.State);
    }

    [Fact]
    public async Task Return_OfMoreSessionsThanThePoolKeeps_ClosesTheExtraOnes()
    {
        // Arrange: twenty leases at once
        var sessions = new List<SqliteSession>();
        for (var i = 0; i < 20; i++)
        {
            sessions.Add(await _database.LeaseAsync(Ct));
        }

        // Act
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        // Assert: some stay open for the next leases, the rest are closed
        var open = sessions.Count(s => s.Connection.State == System.Data.ConnectionState.Open);
        Assert.InRange(open, 1, 19);
    }

    private static async Task InsertAsync(SqliteSession session, int x)
    {
        var insert = session.Command(Insert);
        insert.Parameters.AddWithValue("$x", x);
        await insert.ExecuteNonQueryAsync(Ct);
    }
}

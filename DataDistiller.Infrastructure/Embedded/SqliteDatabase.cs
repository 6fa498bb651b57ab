using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// One SQLite file in WAL mode: readers never block the single writer, and a committed transaction
/// survives a process crash (synchronous=NORMAL loses at most the last commits on power loss, not on a crash).
/// Checkpoints run on a timer instead of inside whichever commit crosses the threshold, so no request pays for
/// the checkpoint's fsync.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    private const string ConnectionSettings =
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;";

    // Without a busy handler Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep, which an upload
    // paid whenever the embedder held the write lock. SQLite's own busy_timeout handler sleeps 1, 2, 5, 10, 15, 20 ms…
    // between tries, so a statement meeting a 10 ms transaction waited 18 ms. Retrying every millisecond wakes just after
    // the writer commits (docs/benchmarks.md: the slowest acknowledgements). About 30 s in all, as busy_timeout was.
    private const int MaxBusyRetries = 30_000;

    // Sessions kept open between leases, with their prepared statements. Leases beyond this many at once still work:
    // their sessions are closed when returned.
    private const int MaxIdleSessions = 8;
    private static readonly TimeSpan s_checkpointInterval = TimeSpan.FromSeconds(1);
    private static readonly object s_configured = new();
    private readonly string _connectionString;

    // The native connections that already carry the settings. A pooled connection keeps its native handle, and the
    // settings with it, from one open to the next: applying them on every open parsed and ran four statements per call,
    // several per document in the pipeline (docs/benchmarks.md, "Pipeline overhead").
    private readonly ConditionalWeakTable<sqlite3, object> _configuredHandles = [];
    private readonly Timer _checkpoints;
    private readonly ConcurrentBag<SqliteSession> _idleSessions = [];
    private int _idleSessionCount;
    private volatile bool _disposed;

    public SqliteDatabase(string path, string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, schema);
        }

        _checkpoints = new Timer(_ => Checkpoint(), null, s_checkpointInterval, s_checkpointInterval);
    }

    /// <summary>Opens a pooled connection with the per-connection settings applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Configure(connection);
        return connection;
    }

    /// <summary>Opens a connection asynchronously with the per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Configure(connection);
        return connection;
    }

    /// <summary>
    /// Leases an open connection whose statements stay prepared from one lease to the next (<see cref="SqliteSession"/>);
    /// disposing the session returns it.
    /// </summary>
    public async ValueTask<SqliteSession> LeaseAsync(CancellationToken cancellationToken)
    {
        if (_idleSessions.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleSessionCount);
            return idle.Leased();
        }

        return new SqliteSession(this, await OpenAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose()
    {
        _disposed = true;
        _checkpoints.Dispose();
        CloseIdleSessions();
        Checkpoint();
    }

    internal void Return(SqliteSession session)
    {
        if (_disposed)
        {
            session.Close();
            return;
        }

        if (Interlocked.Increment(ref _idleSessionCount) > MaxIdleSessions)
        {
            Interlocked.Decrement(ref _idleSessionCount);
            session.Close();
            return;
        }

        _idleSessions.Add(session);
        if (_disposed)
        {
            // Disposed while it was being returned: nothing will lease it again.
            CloseIdleSessions();
        }
    }

    private void CloseIdleSessions()
    {
        while (_idleSessions.TryTake(out var session))
        {
            session.Close();
        }
    }

    private void Configure(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        if (_configuredHandles.TryGetValue(handle, out _))
        {
            return;
        }

        Execute(connection, ConnectionSettings);
        unsafe
        {
            _ = SetBusyHandler(handle.DangerousGetHandle(), &RetryEveryMillisecond, IntPtr.Zero);
        }

        _configuredHandles.TryAdd(handle, s_configured);
    }

    // PASSIVE never blocks readers or writers; what it cannot copy now it copies at the next tick.
    private void Checkpoint()
    {
        try
        {
            using var connection = Open();
            Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A busy or vanished file (tests delete theirs) only skips this tick.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RetryEveryMillisecond(IntPtr state, int count)
    {
        if (count >= MaxBusyRetries)
        {
            return 0;
        }

        Thread.Sleep(1);
        return 1;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    private static unsafe partial int SetBusyHandler(IntPtr database, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr state);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

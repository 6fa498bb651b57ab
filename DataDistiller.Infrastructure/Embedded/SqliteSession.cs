using Microsoft.Data.Sqlite;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// An open connection that keeps every statement run through <see cref="Command"/> prepared, leased from
/// <see cref="SqliteDatabase.LeaseAsync"/> and returned to its pool when disposed. Microsoft.Data.Sqlite prepares a
/// command's SQL again on every new command, and SQLite's parsing was a third of its CPU in the pipeline, which runs the
/// same few statements for every document (docs/benchmarks.md, "Pipeline overhead"). One caller at a time.
/// </summary>
public sealed class SqliteSession : IAsyncDisposable
{
    // Statements are our own constant texts; the bound only guards against a caller that builds SQL per call.
    private const int MaxStatements = 64;

    private readonly SqliteDatabase _owner;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private bool _returned;

    internal SqliteSession(SqliteDatabase owner, SqliteConnection connection)
    {
        _owner = owner;
        Connection = connection;
    }

    /// <summary>Marks a pooled session as leased again.</summary>
    internal SqliteSession Leased()
    {
        _returned = false;
        return this;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Begins a transaction that the session's commands join until it is committed or rolled back.</summary>
    public SqliteTransaction BeginTransaction() => _transaction = Connection.BeginTransaction();

    /// <summary>
    /// The session's prepared command for <paramref name="sql"/>, with no parameters and in the open transaction, if any.
    /// The session owns it: do not dispose it.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        // A committed or rolled-back transaction lets go of its connection.
        command.Transaction = _transaction?.Connection is null ? null : _transaction;
        return command;
    }

    public ValueTask DisposeAsync()
    {
        if (_returned)
        {
            return ValueTask.CompletedTask;
        }

        _returned = true;
        // A transaction still open (its owner never disposed it, or its rollback threw) would break the next lease's
        // commands, so such a connection is closed, which rolls it back, instead of pooled.
        if (_transaction?.Connection is not null)
        {
            Close();
            return ValueTask.CompletedTask;
        }

        _transaction = null;
        _owner.Return(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Finalises the statements and closes the connection.</summary>
    internal void Close()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

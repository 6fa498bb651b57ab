using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataDistiller.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from the local Debian binaries, one per test run (fsync off, stopped on dispose).
/// Each test class gets its own database; when the binaries are missing, the tests that ask for one are skipped.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly Dictionary<string, NpgsqlDataSource> _dataSources = [];
    private readonly List<PostgresDatabase> _databases = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _binaries;
    private string? _dataDirectory;
    private int _port;
    private string? _skipReason;

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            _skipReason = "PostgreSQL binaries not found (install the Debian package postgresql-15 to run the PostgreSQL tests).";
            return;
        }

        _dataDirectory = Directory.CreateTempSubdirectory("datadistiller-pg-").FullName;
        _port = FreePort();
        var ct = TestContext.Current.CancellationToken;
        if (IsRoot)
        {
            // PostgreSQL refuses to run as root, so the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres:", _dataDirectory], ct);
        }

        await RunPostgresAsync("initdb", ["-D", _dataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], ct);
        await RunPostgresAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "log"), "-w", "-t", "30", "-o",
            $"-p {_port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], ct);
    }

    /// <summary>The connection string of a new, empty database (no schema yet); skips the test when there is no cluster.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        await using var admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
        await using var create = admin.CreateCommand($"CREATE DATABASE \"{name}\"");
        await create.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>
    /// The migrated database of a test class, emptied for this test: created at its first use, then reused by the class.
    /// </summary>
    public async Task<PostgresDatabase> OpenCleanDatabaseAsync(string testClass, CancellationToken cancellationToken)
    {
        var name = testClass.ToLowerInvariant();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_dataSources.TryGetValue(name, out var dataSource))
            {
                _dataSources[name] = dataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync(name, cancellationToken));
            }

            var database = new PostgresDatabase(dataSource, NullLogger<PostgresDatabase>.Instance);
            _databases.Add(database);
            await database.EnsureMigratedAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var truncate = new NpgsqlCommand("TRUNCATE collections, documents, chunks_done, idempotency_keys, experiments, served_queries, feedback, dead_letters", connection);
            await truncate.ExecuteNonQueryAsync(cancellationToken);
            return database;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _databases.ForEach(d => d.Dispose());
        foreach (var dataSource in _dataSources.Values)
        {
            await dataSource.DisposeAsync();
        }

        if (_binaries is not null && _dataDirectory is not null)
        {
            try
            {
                await RunPostgresAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
            }
            finally
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }

        _gate.Dispose();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20";

    private Task RunPostgresAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binaries!, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken) : RunAsync(path, arguments, cancellationToken);
    }

    private static async Task RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    // dpkg knows where Debian put the binaries; the glob covers other versions or a missing dpkg.
    private static string? FindBinaries()
    {
        try
        {
            var start = new ProcessStartInfo("dpkg", ["-L", "postgresql-15"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var dpkg = Process.Start(start)!;
            var initdb = dpkg.StandardOutput.ReadToEnd().Split('\n').FirstOrDefault(line => line.EndsWith("/bin/initdb", StringComparison.Ordinal));
            dpkg.WaitForExit();
            if (initdb is not null && File.Exists(initdb))
            {
                return Path.GetDirectoryName(initdb);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No dpkg on this machine.
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataDistiller.Infrastructure.Minio;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>
/// An S3 server for the MinIO adapter: npm s3rver from <c>.ci/node_modules</c> on a free port, with its data in a temp
/// folder, stopped on dispose. When it is not installed, the tests that ask for it are skipped with how to install it.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private Process? _server;
    private string? _skipReason;

    /// <summary>The connection string of the running server, in the format of <c>ConnectionStrings:minio</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var executable = FindExecutable();
        if (executable is null)
        {
            _skipReason = "s3rver is not installed: run `npm ci --prefix .ci` in the repository (see README, Test it).";
            return;
        }

        var port = FreePort();
        var start = new ProcessStartInfo(executable, ["-d", _data.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(start)!;
        ConnectionString = $"Endpoint=http://127.0.0.1:{port};AccessKey=S3RVER;SecretKey=S3RVER";
        await WaitUntilListeningAsync(port, TestContext.Current.CancellationToken);
    }

    /// <summary>A blob store on its own new bucket; skips the test when there is no server.</summary>
    public MinioBlobStore CreateStore(string bucket)
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        return new MinioBlobStore(MinioConnection.Parse(ConnectionString).CreateClient(), Options.Create(new MinioBlobStoreOptions { Bucket = bucket }));
    }

    public ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? FindExecutable()
    {
        var path = RepositoryRoot.Combine(".ci", "node_modules", ".bin", "s3rver");
        return File.Exists(path) ? path : null;
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_server!.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

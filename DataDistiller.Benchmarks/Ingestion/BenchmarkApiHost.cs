using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>The real Api (embedded mode, Kestrel on loopback) on a throwaway data directory.</summary>
internal sealed class BenchmarkApiHost : WebApplicationFactory<global::Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("datadistiller-bench-").FullName;

    public BenchmarkApiHost()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDistiller:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

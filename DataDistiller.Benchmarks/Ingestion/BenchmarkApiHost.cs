using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>The real Api (embedded mode, Kestrel on loopback) on a throwaway data directory, or on a kept one.</summary>
internal sealed class BenchmarkApiHost : WebApplicationFactory<global::Program>
{
    private readonly string _dataDirectory;
    private readonly bool _keepDataDirectory;

    public BenchmarkApiHost()
        : this(null)
    {
    }

    /// <summary>On <paramref name="keptDataDirectory"/> when given: it outlives the host, so another process can start on it.</summary>
    public BenchmarkApiHost(string? keptDataDirectory)
    {
        _dataDirectory = keptDataDirectory ?? Directory.CreateTempSubdirectory("datadistiller-bench-").FullName;
        _keepDataDirectory = keptDataDirectory is not null;
        UseKestrel(0);

        // The factory's redirect handler copies every request body into a MemoryStream so that it could send it again:
        // 2 MiB on the large object heap per 1 MiB upload, in the measured process. A real client streams the body.
        ClientOptions.AllowAutoRedirect = false;
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDistiller:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Benchmarks measure the pipeline, not the per-tenant limiter.
        builder.UseSetting("DataDistiller:RateLimits:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            var model = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
            services.Remove(model);
            services.AddSingleton(sp => new TimedEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)model.ImplementationFactory!(sp)));
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<TimedEmbeddingGenerator>());
        });
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        var token = File.ReadAllText(Path.Combine(_dataDirectory, EmbeddedTokenIssuer.AdminTokenFileName)).Trim();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_keepDataDirectory)
        {
            DirectoriesDeletedAtExit.Add(_dataDirectory);
        }
    }
}

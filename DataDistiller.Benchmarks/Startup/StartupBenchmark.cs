using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Benchmarks.Evaluation;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Endpoints.Security;

namespace DataDistiller.Benchmarks.Startup;

/// <summary>
/// Start-up of the Api as its own process (<c>dotnet DataDistiller.Api.dll</c>, embedded mode, Production) on a data
/// directory already holding N synthetic chunks: time from process start to <c>/health</c> Healthy and to the first search
/// answered, and the process working set then. The 0-chunk row is the baseline of the same run; the working-set
/// difference against it is the memory the index costs, compared with the raw vector bytes (N × dimensions × 4 B).
/// </summary>
internal static class StartupBenchmark
{
    private const int Dimensions = 384;
    private const int Starts = 3;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var shared = SharedData.FindDirectory();
        var api = ApiAssembly();
        if (shared is null || api is null)
        {
            await Console.Error.WriteLineAsync("The start-up benchmark needs ../shared/data (SQuAD sample) and a Release build of DataDistiller.Api.");
            return 1;
        }

        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [0, 100_000];
        var squad = await SquadDataset.LoadAsync(shared, cancellationToken);
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine($"Api: {api}; {Starts} starts per size, median shown.");
        Console.WriteLine();
        Console.WriteLine("| chunks | to /health Healthy s | to first search s | working set MB | working set over 0 chunks MB | raw vector MB | over 0 chunks / raw |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double? baseline = null;
        foreach (var size in sizes)
        {
            var directory = Directory.CreateTempSubdirectory("datadistiller-startup-").FullName;
            try
            {
                using (var host = new BenchmarkApiHost(directory))
                {
                    await QueryLatencyBenchmark.BuildIndexAsync(host.Services, squad, size, cancellationToken);
                }

                var runs = new List<(double Healthy, double Search, double WorkingSetMb)>();
                for (var i = 0; i < Starts; i++)
                {
                    runs.Add(await StartAsync(api, directory, cancellationToken));
                }

                var healthy = Median(runs.Select(r => r.Healthy));
                var search = Median(runs.Select(r => r.Search));
                var workingSet = Median(runs.Select(r => r.WorkingSetMb));
                baseline ??= size == 0 ? workingSet : null;
                var raw = size * (double)Dimensions * sizeof(float) / (1024 * 1024);
                var over = baseline is { } b && size > 0 ? workingSet - b : (double?)null;
                Console.WriteLine($"| {size} | {F(healthy, "F2")} | {F(search, "F2")} | {F(workingSet, "F0")} | {(over is { } o ? F(o, "F0") : "–")} | {F(raw, "F0")} | " +
                    $"{(over is { } v && raw > 0 ? F(v / raw, "F2") + " ×" : "–")} |");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }

    private static async Task<(double Healthy, double Search, double WorkingSetMb)> StartAsync(string api, string directory, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [api])
        {
            WorkingDirectory = Path.GetDirectoryName(api)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DataDistiller__DataDirectory"] = directory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        try
        {
            // Drained so a chatty process never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            var healthy = await UntilAsync(client, c => c.GetAsync("/health", cancellationToken), process, cancellationToken);
            var token = (await File.ReadAllTextAsync(Path.Combine(directory, EmbeddedTokenIssuer.AdminTokenFileName), cancellationToken)).Trim();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var searched = await UntilAsync(
                client, c => c.PostAsJsonAsync("/api/v2/search", new { question = "When did the river flood?", collection = "bench", strategy = "hybrid-rrf@1" }, cancellationToken),
                process, cancellationToken);
            process.Refresh();
            return (healthy.TotalSeconds, searched.TotalSeconds, process.WorkingSet64 / (1024.0 * 1024));

            async Task<TimeSpan> UntilAsync(HttpClient http, Func<HttpClient, Task<HttpResponseMessage>> call, Process running, CancellationToken ct)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
                while (await timer.WaitForNextTickAsync(ct))
                {
                    if (running.HasExited)
                    {
                        throw new InvalidOperationException($"The Api exited with {running.ExitCode} before it answered.");
                    }

                    try
                    {
                        using var response = await call(http);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            return clock.Elapsed;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                    }
                }

                throw new OperationCanceledException(ct);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>The Api's own Release build (with its runtimeconfig), beside the benchmarks' in the artifacts folder.</summary>
    private static string? ApiAssembly()
    {
        var benchmarks = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var api = Path.Combine(benchmarks, "..", "..", "DataDistiller.Api", Path.GetFileName(benchmarks), "DataDistiller.Api.dll");
        return File.Exists(api) ? Path.GetFullPath(api) : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

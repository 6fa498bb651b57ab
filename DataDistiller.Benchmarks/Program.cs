using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Benchmarks.Evaluation;
using DataDistiller.Benchmarks.Extraction;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Benchmarks.Load;
using DataDistiller.Benchmarks.Startup;

namespace DataDistiller.Benchmarks;

/// <summary>Runs one benchmark by name: <c>dotnet run -c Release --project DataDistiller.Benchmarks -- embedders</c>; the rest of the arguments go to it.</summary>
internal static class Program
{
    private static readonly Dictionary<string, Func<string[], CancellationToken, Task<int>>> s_benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["embedders"] = (_, ct) => EmbeddersBenchmark.RunAsync(ct),
        ["ingestion"] = IngestionBenchmark.RunAsync,
        ["overhead"] = PipelineOverheadBenchmark.RunAsync,
        ["eval"] = EvalBenchmark.RunAsync,
        ["query"] = QueryLatencyBenchmark.RunAsync,
        ["load"] = LoadBenchmark.RunAsync,
        ["startup"] = StartupBenchmark.RunAsync,
        ["extraction"] = PdfExtractionBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !s_benchmarks.TryGetValue(args[0], out var run))
        {
            await Console.Error.WriteLineAsync($"usage: DataDistiller.Benchmarks <{string.Join('|', s_benchmarks.Keys)}>");
            return 1;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await run(args[1..], cancellation.Token);
    }
}

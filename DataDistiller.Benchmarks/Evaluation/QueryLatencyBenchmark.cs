using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Core.Chunking;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// Query latency over HTTP at 10k and 100k chunks (embedded mode, the re-ranker the host chose), with the
/// fused strategy without re-ranking as the baseline of the same run. The synthetic corpus: text made of real
/// SQuAD sentences, vectors from the real model (the mean of the source paragraphs' vectors, slightly jittered).
/// </summary>
internal static class QueryLatencyBenchmark
{
    private const string Collection = "bench";
    private const int Queries = 200;
    private const int Warmup = 10;
    private const int InsertBatch = 2000;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var shared = SharedData.FindDirectory();
        if (shared is null)
        {
            await Console.Error.WriteLineAsync("The query benchmark needs ../shared/data (SQuAD sample) for text and questions.");
            return 1;
        }

        // --data DIR keeps the data directory and reuses an index an earlier run built there for the same size.
        var dataAt = Array.IndexOf(args, "--data");
        var kept = dataAt >= 0 && dataAt + 1 < args.Length ? args[dataAt + 1] : null;
        var numbers = dataAt >= 0 ? args[..dataAt].Concat(args[(dataAt + 2)..]).ToArray() : args;
        var sizes = numbers.Length > 0 ? numbers.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
        var squad = await SquadDataset.LoadAsync(shared, cancellationToken);
        var questions = squad.Questions.Select(q => q.Question).ToList();
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine();
        Console.WriteLine("| chunks | strategy | re-ranker | p50 ms | p95 ms | p99 ms | dense leg p50 / p95 ms | BM25 leg p50 / p95 ms | index build s |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var memory = new List<string>();
        using var legs = new LegTimings();
        foreach (var size in sizes)
        {
            var directory = kept is null ? null : Directory.CreateDirectory(Path.Combine(kept, size.ToString(CultureInfo.InvariantCulture))).FullName;
            var built = directory is not null && File.Exists(Path.Combine(directory, BuiltMarker));
            using var host = new BenchmarkApiHost(directory);
            using var client = host.CreateClient();
            // Managed heap after a full collection, before and after the fill: the in-memory vectors live there
            // (SQLite's page cache is native and bounded); the working set is shown beside it for comparison.
            var (heapBefore, workingSetBefore) = Memory();
            var build = Stopwatch.StartNew();
            if (!built)
            {
                await BuildIndexAsync(host.Services, squad, size, cancellationToken);
                if (directory is not null)
                {
                    await File.WriteAllTextAsync(Path.Combine(directory, BuiltMarker), "", cancellationToken);
                }
            }

            build.Stop();
            var buildSeconds = built ? "reused" : build.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
            var (heapAfter, workingSetAfter) = Memory();
            var raw = size * 384.0 * sizeof(float);
            memory.Add(built ? $"{size} chunks: index reused (loaded at start), memory not measured." :
                $"{size} chunks: managed heap +{Mb(heapAfter - heapBefore)} MB = {(heapAfter - heapBefore) / raw:F2} × the raw vector bytes ({Mb(raw)} MB); " +
                $"working set +{Mb(workingSetAfter - workingSetBefore)} MB = {(workingSetAfter - workingSetBefore) / raw:F2} ×.");
            foreach (var strategy in new[] { "hybrid-rrf@1", RetrievalStrategies.DefaultId })
            {
                var (latencies, reranker) = await MeasureAsync(client, strategy, questions, legs, cancellationToken);
                Console.WriteLine($"| {size} | {strategy} | {reranker ?? "–"} | {Ms(Percentiles.Of(latencies, 50))} | {Ms(Percentiles.Of(latencies, 95))} | " +
                    $"{Ms(Percentiles.Of(latencies, 99))} | {Leg(legs, "dense")} | {Leg(legs, "bm25")} | {buildSeconds} |");
            }
        }

        Console.WriteLine();
        memory.ForEach(Console.WriteLine);
        return 0;
    }

    private const string BuiltMarker = "bench-index.built";

    private static string Leg(LegTimings legs, string leg) =>
        legs.Of(leg) is { Count: > 0 } samples ? $"{Ms(Percentiles.Of(samples, 50))} / {Ms(Percentiles.Of(samples, 95))}" : "–";

    private static (double Heap, double WorkingSet) Memory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    private static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Fills <paramref name="size"/> synthetic chunks into the host's index, collection <c>bench</c>.</summary>
    internal static async Task BuildIndexAsync(IServiceProvider services, SquadDataset squad, int size, CancellationToken cancellationToken)
    {
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var index = services.GetRequiredService<IChunkIndex>();
        await index.EnsureCollectionAsync(Collection, services.GetRequiredService<EmbeddingModelResolver>().Resolve(), cancellationToken);
        var paragraphs = squad.Paragraphs.Select(p => p.Text).ToList();
        var vectors = (await embedder.GenerateAsync(paragraphs, cancellationToken: cancellationToken)).Select(e => e.Vector.ToArray()).ToList();
        var sentences = paragraphs.Select(p => Sentences.Split(p).ToArray()).ToList();
        var random = new Random(size);
        var document = Guid.CreateVersion7();
        for (var start = 0; start < size; start += InsertBatch)
        {
            var batch = new List<IndexedChunk>(InsertBatch);
            for (var i = start; i < Math.Min(size, start + InsertBatch); i++)
            {
                var sources = new[] { random.Next(paragraphs.Count), random.Next(paragraphs.Count), random.Next(paragraphs.Count) };
                var text = string.Join(' ', sources.Select(s => sentences[s][random.Next(sentences[s].Length)]));
                var vector = new float[vectors[0].Length];
                foreach (var s in sources)
                {
                    TensorPrimitives.Add(vector, vectors[s], vector);
                }

                for (var d = 0; d < vector.Length; d++)
                {
                    vector[d] += (float)((random.NextDouble() - 0.5) * 0.02);
                }

                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
                batch.Add(new IndexedChunk(new ChunkInfo($"{document:N}:{i}", document, Collection, "synthetic.txt", i, 1, 1, text), vector));
            }

            await index.UpsertAsync(batch, cancellationToken);
        }
    }

    private static async Task<(List<TimeSpan> Latencies, string? Reranker)> MeasureAsync(
        HttpClient client, string strategy, List<string> questions, LegTimings legs, CancellationToken cancellationToken)
    {
        var latencies = new List<TimeSpan>(Queries);
        string? reranker = null;
        for (var i = 0; i < Warmup + Queries; i++)
        {
            if (i == Warmup)
            {
                legs.Clear();
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync(
                "/api/v2/search", new { question = questions[i % questions.Count], collection = Collection, strategy }, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
            if (i >= Warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started));
                reranker = body.GetProperty("reranker").GetString();
            }
        }

        return (latencies, reranker);
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}

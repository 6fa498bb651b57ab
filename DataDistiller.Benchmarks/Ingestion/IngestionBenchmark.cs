using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DataDistiller.Core.Chunking;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// Ingestion throughput of the whole embedded pipeline against the raw embedder on the same chunks, in the same
/// run and the same process; and the upload acknowledgement latency of a 1 MB PDF while ingestion runs.
/// </summary>
internal static class IngestionBenchmark
{
    private const string Collection = "bench";
    private const int AckSamples = 200;
    private const int AckWarmup = 10;

    // A bulk client sends many small files per request (the upload route takes up to 100): the HTTP request's own cost,
    // client and server, is then shared by the files instead of paid by each.
    private const int BulkFilesPerRequest = 20;

    // The first two runs pay the runtime's tiered compilation of the pipeline's code (instrumented, then optimised with the
    // profile: about 3 s of one core per run); from the third the code is settled. The steady state is the median of the
    // settled runs: one run's ratio moves by several points with the VM's speed, which the raw baseline just before it
    // cannot fully cancel.
    private const int Rounds = 5;
    private const int WarmUpRounds = 2;

    /// <summary>
    /// Both parts, or only one: <c>ingestion throughput</c> or <c>ingestion acks</c>; <c>ingestion throughput abstracts</c>
    /// (or <c>papers</c>) measures one document set, e.g. under a profiler.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var part = args.FirstOrDefault();
        var set = args.ElementAtOrDefault(1);
        if (part is not (null or "throughput" or "acks") || set is not (null or "abstracts" or "papers") || (set is not null && part != "throughput"))
        {
            await Console.Error.WriteLineAsync("usage: ingestion [throughput [abstracts|papers]|acks]");
            return 1;
        }

        var shared = SharedData.FindDirectory();
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine(shared is null ? "../shared/data is absent: generated documents only." : $"Shared data: {shared}");
        if (part != "acks")
        {
            await MeasureThroughputsAsync(shared, set, cancellationToken);
        }

        if (part != "throughput")
        {
            Console.WriteLine();
            await MeasureAckLatencyAsync(shared, cancellationToken);
        }

        return 0;
    }

    private static async Task MeasureThroughputsAsync(string? shared, string? set, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("| documents | docs | chunks | tokens | raw embedder chunks/s | pipeline chunks/s | pipeline / raw | pipeline docs/min | extract + split s | raw embed s | pipeline s | model busy in pipeline s | raw CPU s: model / other | pipeline CPU s: model / other |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var steady = new List<string>();
        var research = BenchmarkCorpus.ResearchPapers(shared);
        if (research.Count > 0 && set is null or "papers")
        {
            steady.Add(await MeasureThroughputAsync("research papers (arXiv PDFs)", research, cancellationToken));
        }

        if (set is not "papers")
        {
            var abstracts = BenchmarkCorpus.Abstracts(shared, 400);
            steady.Add(await MeasureThroughputAsync("abstracts (SQuAD paragraphs, one per file)", abstracts, cancellationToken));
            steady.Add(await MeasureThroughputAsync(
                $"abstracts, {BulkFilesPerRequest} files per request", abstracts, cancellationToken, BulkFilesPerRequest));
        }

        Console.WriteLine();
        Console.WriteLine($"Steady state (runs {WarmUpRounds + 1}–{Rounds}, after tiered compilation settled):");
        Console.WriteLine();
        Console.WriteLine("| documents | pipeline / raw, median | pipeline / raw, range | docs/min, median | non-model CPU s, median |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        steady.ForEach(Console.WriteLine);
    }

    // Each set is measured Rounds times on one host, each run into a fresh collection after its own raw baseline: the first
    // runs share the cores with the runtime compiling the pipeline's code; the last is the steady state a long-running
    // service ingests in.
    // Returns the steady-state summary row of the set.
    private static async Task<string> MeasureThroughputAsync(
        string name, IReadOnlyList<BenchmarkDocument> documents, CancellationToken cancellationToken, int filesPerRequest = 1)
    {
        var settled = new List<(double Ratio, double DocsPerMinute, double OtherCpu)>();
        using var host = new BenchmarkApiHost();
        var services = host.Services;
        var split = Stopwatch.StartNew();
        var texts = await ChunkTextsAsync(services, documents, cancellationToken);
        split.Stop();
        var tokenizer = services.GetRequiredService<Tokenizer>();
        var tokens = texts.Sum(t => (long)tokenizer.CountTokens(t));
        using var client = host.CreateClient();
        for (var round = 1; round <= Rounds; round++)
        {
            var collection = $"{Collection}-{round}";
            var (raw, rawCpu) = await MeasureRawEmbedderAsync(services, texts, cancellationToken);
            var embedder = services.GetRequiredService<TimedEmbeddingGenerator>();
            embedder.Reset();
            var pipelineCpu = ProcessCpu.Now();
            var (ended, pipeline) = await BenchmarkUploads.IngestAsync(
                client, services.GetRequiredService<IJobStore>(), documents, collection, filesPerRequest, cancellationToken);
            pipelineCpu = ProcessCpu.Now() - pipelineCpu;
            var chunks = ended.Sum(d => d.ChunksTotal ?? 0);
            var failed = ended.Count(d => d.Status == DocumentStatus.Failed);
            var rawRate = texts.Count / raw.TotalSeconds;
            var pipelineRate = chunks / pipeline.TotalSeconds;
            Console.WriteLine(
                $"| {name}, run {round}{(failed > 0 ? $" ({failed} failed)" : string.Empty)} | {documents.Count} | {chunks} | {tokens} | {F(rawRate)} | {F(pipelineRate)} | " +
                $"{F(pipelineRate / rawRate * 100)} % | {F(documents.Count / pipeline.TotalMinutes)} | {F(split.Elapsed.TotalSeconds)} | {F(raw.TotalSeconds)} | {F(pipeline.TotalSeconds)} | {F(embedder.Busy.TotalSeconds)} | " +
                $"{F(rawCpu.Model.TotalSeconds)} / {F(rawCpu.Other.TotalSeconds)} | {F(pipelineCpu.Model.TotalSeconds)} / {F(pipelineCpu.Other.TotalSeconds)} |");
            if (round > WarmUpRounds)
            {
                settled.Add((pipelineRate / rawRate * 100, documents.Count / pipeline.TotalMinutes, pipelineCpu.Other.TotalSeconds));
            }
        }

        return $"| {name} | {F(Median(settled.Select(r => r.Ratio)))} % | {F(settled.Min(r => r.Ratio))}–{F(settled.Max(r => r.Ratio))} % | " +
            $"{F(Median(settled.Select(r => r.DocsPerMinute)))} | {F(Median(settled.Select(r => r.OtherCpu)))} |";
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // Baseline: the host's own embedder, idle, on exactly the chunks the splitter will cut, in the pipeline's batch size
    // and with as many calls in flight as the pipeline's embedder loops.
    internal static async Task<(TimeSpan Elapsed, ProcessCpu Cpu)> MeasureRawEmbedderAsync(IServiceProvider services, List<string> texts, CancellationToken cancellationToken)
    {
        var embedder = services.GetRequiredService<TimedEmbeddingGenerator>();
        var ingestion = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        var batches = new ConcurrentQueue<string[]>(texts.Chunk(ingestion.EmbedBatchSize));
        var cpu = ProcessCpu.Now();
        var raw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, ingestion.EmbedderConcurrency).Select(async _ =>
        {
            while (batches.TryDequeue(out var batch))
            {
                await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
        }));

        return (raw.Elapsed, ProcessCpu.Now() - cpu);
    }

    private static async Task MeasureAckLatencyAsync(string? shared, CancellationToken cancellationToken)
    {
        using var host = new BenchmarkApiHost();
        using var client = host.CreateClient();
        var jobs = host.Services.GetRequiredService<IJobStore>();
        var template = BenchmarkCorpus.PdfOfSize(1024 * 1024);

        // Every upload is a new document: identical bytes would be deduplicated by the intake and never ingested. The
        // copies are made before the clock starts, so their allocation is not part of any ack.
        var pdfs = Enumerable.Range(0, AckWarmup + AckSamples)
            .Select(i => new BenchmarkDocument($"one-megabyte-{i:D3}.pdf", BenchmarkCorpus.DistinctCopy(template, i)))
            .ToList();

        // Keep the pipeline busy: the acknowledgements are measured while it splits and embeds.
        var background = BenchmarkCorpus.Abstracts(shared, 400).Concat(BenchmarkCorpus.ResearchPapers(shared)).ToList();
        foreach (var document in background)
        {
            using var response = await BenchmarkUploads.UploadAsync(client, document, "background", cancellationToken);
        }

        using var intake = new LastMeasurement(IngestionTelemetry.SourceName, "datadistiller.upload.duration");
        using var request = new LastMeasurement("Microsoft.AspNetCore.Hosting", "http.server.request.duration");
        using var large = new LargeAllocationListener();
        var acks = new List<AckSample>(AckSamples);
        for (var i = 0; i < AckWarmup + AckSamples; i++)
        {
            var gc = GcActivity.Now();
            var started = Stopwatch.GetTimestamp();
            using var response = await BenchmarkUploads.UploadAsync(client, pdfs[i], "acks", cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= AckWarmup)
            {
                acks.Add(new AckSample(elapsed, request.Last, intake.Last, GcActivity.Now() - gc));
            }
        }

        var samples = acks.Select(a => a.Elapsed).ToList();
        var accepted = (await jobs.ListAsync(new DocumentQuery("acks", null, 1, 1), cancellationToken)).Total;
        if (accepted != pdfs.Count)
        {
            throw new InvalidOperationException($"{pdfs.Count} distinct uploads made {accepted} documents: some were taken for duplicates.");
        }

        var pending = (await jobs.ListAsync(new DocumentQuery("background", null, 1, 1000), cancellationToken)).Items
            .Count(d => d.Status is not (DocumentStatus.Indexed or DocumentStatus.Failed));
        Console.WriteLine($"Upload acknowledgement of a {template.Length / 1024} KiB PDF (a distinct copy each time) over loopback HTTP, {AckSamples} sequential uploads " +
            $"after {AckWarmup} warm-up, while the pipeline ingests {background.Count} documents ({pending} still pending at the end):");
        Console.WriteLine();
        Console.WriteLine("| p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {Ms(Percentiles.Of(samples, 50))} | {Ms(Percentiles.Of(samples, 95))} | {Ms(Percentiles.Of(samples, 99))} | {Ms(samples.Max())} |");
        Console.WriteLine();

        // What the slowest acknowledgements waited on: the server's handling (reading the form, then the intake: blob,
        // job row, message), the client and the loopback, or GC pauses.
        Console.WriteLine("The five slowest acknowledgements:");
        Console.WriteLine();
        Console.WriteLine("| ack ms | server request ms | server intake ms | GC pause ms | gen0 / gen1 / gen2 collections |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | --- |");
        foreach (var ack in acks.OrderByDescending(a => a.Elapsed).Take(5))
        {
            Console.WriteLine($"| {Ms(ack.Elapsed)} | {Ms(ack.Request)} | {Ms(ack.Intake)} | {Ms(ack.Gc.Pauses)} | {ack.Gc.Collections()} |");
        }

        Console.WriteLine($"All {acks.Count}: GC pauses {Ms(acks.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Gc.Pauses))} ms in total, " +
            $"{acks.Sum(a => a.Gc.Gen2)} gen2 collections; median server request {Ms(Percentiles.Of(acks.Select(a => a.Request).ToList(), 50))} ms, " +
            $"of which intake {Ms(Percentiles.Of(acks.Select(a => a.Intake).ToList(), 50))} ms.");
        Console.WriteLine();
        Console.WriteLine("Large-object-heap allocations in the process during the uploads (estimated from allocation ticks), by type:");
        foreach (var (type, bytes) in large.Largest(8))
        {
            Console.WriteLine($"- {type}: {bytes / (1024 * 1024)} MiB");
        }
    }

    internal static async Task<List<string>> ChunkTextsAsync(IServiceProvider services, IReadOnlyList<BenchmarkDocument> documents, CancellationToken cancellationToken)
    {
        var extractors = services.GetRequiredService<TextExtractorSelector>();
        var chunker = services.GetRequiredService<TextChunker>();
        var texts = new List<string>();
        foreach (var document in documents)
        {
            var contentType = ContentTypeDetector.Detect(document.FileName, document.Bytes)!;
            var extracted = await extractors.Select(contentType).ExtractAsync(new MemoryStream(document.Bytes), cancellationToken);
            texts.AddRange(chunker.Split(extracted).Select(c => c.Text));
        }

        return texts;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}

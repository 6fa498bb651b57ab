using System.Diagnostics;
using System.Globalization;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Onnx;
using Microsoft.Extensions.AI;

namespace DataDistiller.Benchmarks.Embedders;

/// <summary>
/// Retrieval quality (gold paragraph rank on the SQuAD sample) and raw corpus throughput of each packaged embedding model.
/// </summary>
internal static class EmbeddersBenchmark
{
    private static readonly int s_defaultBatchSize = new OnnxEmbeddingOptions().MaxBatchSize;
    // Each packaged model as shipped and with its dense layers quantised to int8 at load.
    private static readonly (string Model, int MaxTokens, string Precision)[] s_models =
    [
        (OnnxEmbeddingModels.ArcticXs, 512, OnnxEmbeddingPrecisions.Full),
        (OnnxEmbeddingModels.ArcticXs, 512, OnnxEmbeddingPrecisions.Quantized),
        (OnnxEmbeddingModels.MiniLm, 256, OnnxEmbeddingPrecisions.Full),
        (OnnxEmbeddingModels.MiniLm, 256, OnnxEmbeddingPrecisions.Quantized),
    ];

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = SharedData.FindDirectory();
        if (dataDirectory is null)
        {
            await Console.Error.WriteLineAsync(
                "No ../shared/data beside the repository root (the folder holding DataDistiller.sln): the evaluation needs squad/corpus.jsonl and squad/questions.jsonl.");
            return 2;
        }

        var dataset = await SquadDataset.LoadAsync(dataDirectory, cancellationToken);
        var paragraphIndex = dataset.Paragraphs.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var gold = dataset.Questions.Select(q => paragraphIndex[q.GoldParagraphId!]).ToList();
        var passages = dataset.Paragraphs.Select(p => p.Text).ToList();
        var questions = dataset.Questions.Select(q => q.Question).ToList();
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine($"Data: {passages.Count} paragraphs, {questions.Count} answerable questions");

        var quality = new List<string>();
        var sweep = new List<string>();
        foreach (var (model, maxTokens, precision) in s_models)
        {
            using var generator = Create(model, precision, s_defaultBatchSize, cores, 1);
            var (vectors, throughput) = await EmbedCorpusAsync(generator, passages, s_defaultBatchSize, cores, 1, cancellationToken);
            var queries = await generator.GenerateAsync(questions, EmbeddingInputType.ForQuery(), cancellationToken);
            var scores = RetrievalScores.Compute(queries.Select(e => e.Vector).ToList(), gold, vectors.Select(e => e.Vector).ToList());
            var latency = await MedianQueryLatencyAsync(generator, questions, cancellationToken);
            var truncated = passages.Count(p => generator.Tokenizer.CountTokens(p) + 2 > maxTokens);
            quality.Add(Row(generator.ModelId, F(scores.RecallAt1), F(scores.RecallAt5), F(scores.MrrAt10),
                $"{truncated}/{passages.Count}", F(throughput.PassagesPerSecond, 1), F(throughput.TokensPerSecond, 0), F(latency, 1)));

            var results = new List<Throughput> { throughput };
            // The pool's workers (each one intra-op thread) against one worker with every core as intra-op threads (the
            // single inference thread before the pool), and one worker with one thread (a single core's rate).
            foreach (var (batchSize, workers, intraOp) in new[] { (4, cores, 1), (16, cores, 1), (32, cores, 1), (4, 1, cores), (8, 1, cores), (32, 1, cores), (8, 1, 1) })
            {
                using var variant = Create(model, precision, batchSize, workers, intraOp);
                results.Add((await EmbedCorpusAsync(variant, passages, batchSize, workers, intraOp, cancellationToken)).Throughput);
            }

            var best = results.MaxBy(r => r.PassagesPerSecond);
            sweep.AddRange(results.Select(r => Row(generator.ModelId, r.BatchSize.ToString(CultureInfo.InvariantCulture),
                r.Workers.ToString(CultureInfo.InvariantCulture), r.IntraOpThreads.ToString(CultureInfo.InvariantCulture), F(r.PassagesPerSecond, 1), F(r.TokensPerSecond, 0),
                F(r.Elapsed.TotalSeconds, 1), r == best ? "**best**" : string.Empty)));
        }

        Console.WriteLine();
        Console.WriteLine(Row("model", "recall@1", "recall@5", "MRR@10", "passages truncated", "passages/s", "tokens/s", "query p50 ms"));
        Console.WriteLine(Row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"));
        quality.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(Row("model", "batch", "workers", "intra-op threads", "passages/s", "tokens/s", "seconds", string.Empty));
        Console.WriteLine(Row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---"));
        sweep.ForEach(Console.WriteLine);
        return 0;
    }

    private static OnnxEmbeddingGenerator Create(string model, string precision, int batchSize, int workers, int intraOpThreads) =>
        new(new OnnxEmbeddingOptions { Model = model, Precision = precision, MaxBatchSize = batchSize, InferenceThreads = workers, IntraOpThreads = intraOpThreads });

    private static async Task<(GeneratedEmbeddings<Embedding<float>> Vectors, Throughput Throughput)> EmbedCorpusAsync(
        OnnxEmbeddingGenerator generator, List<string> passages, int batchSize, int workers, int intraOpThreads, CancellationToken cancellationToken)
    {
        // The first run loads the model and sizes ONNX Runtime's arena on every worker: keep it out of the timing.
        await generator.GenerateAsync(passages.Take(batchSize * workers), cancellationToken: cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var vectors = await generator.GenerateAsync(passages, cancellationToken: cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (vectors, new Throughput(batchSize, workers, intraOpThreads, passages.Count, vectors.Usage?.InputTokenCount ?? 0, elapsed));
    }

    private static async Task<double> MedianQueryLatencyAsync(OnnxEmbeddingGenerator generator, List<string> questions, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(questions.Count);
        foreach (var question in questions)
        {
            var start = Stopwatch.GetTimestamp();
            await generator.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        latencies.Sort();
        return latencies[latencies.Count / 2];
    }

    private static string F(double value, int decimals = 3) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// Offline evaluation of every retrieval strategy on a judged set: the corpus is ingested through the real pipeline
/// (HTTP upload, splitter, embedders, both indexes) and every query is asked through <c>POST /api/v2/search</c>.
/// Chunks are mapped to their documents (first occurrence) and scored with BEIR's metrics.
/// </summary>
internal static class EvalBenchmark
{
    private const string Collection = "eval";
    private const int Depth = 100;
    private const int Warmup = 3;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var arguments = EvalArguments.Parse(args);
        var shared = arguments.Corpus is null ? SharedData.FindDirectory() : null;
        var squad = shared is null ? null : await SquadDataset.LoadAsync(shared, cancellationToken);
        var set = arguments.Corpus is not null
            ? await BeirSet.LoadAsync(arguments.Corpus, arguments.Queries!, arguments.Qrels!, cancellationToken)
            : squad is null ? null : BeirSet.FromSquad(squad);
        if (set is null)
        {
            await Console.Error.WriteLineAsync("No judged set: pass --corpus/--queries/--qrels, or run beside ../shared/data (SQuAD sample).");
            return 1;
        }

        var queries = arguments.MaxQueries is { } max ? set.Queries.Take(max).ToList() : set.Queries;
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine($"Set: {set.Name}: {set.Corpus.Count} documents, {queries.Count} judged queries");
        using var host = new BenchmarkApiHost();
        using var client = host.CreateClient();
        var ids = await IngestAsync(host.Services, client, set.Corpus, cancellationToken);

        Console.WriteLine();
        Console.WriteLine("| strategy | re-ranker | nDCG@10 | Recall@20 | Recall@100 | MRR@10 | p50 ms | p95 ms |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var strategy in arguments.Strategies ?? [.. RetrievalStrategies.All.Select(s => s.Id)])
        {
            var scores = await EvaluateAsync(client, strategy, queries, set.Qrels, ids, cancellationToken);
            Console.WriteLine(
                $"| {scores.Strategy} | {scores.Reranker ?? "–"} | {F(scores.NdcgAt10)} | {F(scores.RecallAt20)} | {F(scores.RecallAt100)} | {F(scores.MrrAt10)} | " +
                $"{scores.P50.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} | {scores.P95.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} |");
        }

        if (squad is not null)
        {
            await SquadAnswerCheck.RunAsync(client, Collection, squad, ids, cancellationToken);
        }

        return 0;
    }

    /// <summary>Uploads every corpus document as a text file; returns file name → corpus id.</summary>
    private static async Task<Dictionary<string, string>> IngestAsync(
        IServiceProvider services, HttpClient client, IReadOnlyList<BeirDocument> corpus, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < corpus.Count; i++)
        {
            var fileName = $"doc-{i:D6}.txt";
            ids[fileName] = corpus[i].Id;
            var text = string.IsNullOrWhiteSpace(corpus[i].Title) ? corpus[i].Text : $"{corpus[i].Title}\n\n{corpus[i].Text}";
            using var response = await BenchmarkUploads.UploadAsync(client, new BenchmarkDocument(fileName, Encoding.UTF8.GetBytes(text)), Collection, cancellationToken);
        }

        var ended = await BenchmarkUploads.WaitUntilEndedAsync(services.GetRequiredService<IJobStore>(), Collection, corpus.Count, cancellationToken);
        Console.WriteLine($"Ingested through the pipeline in {clock.Elapsed.TotalSeconds:F1} s: {ended.Sum(d => d.ChunksTotal ?? 0)} chunks, " +
            $"{ended.Count(d => d.Status == Core.Documents.DocumentStatus.Failed)} failed");
        return ids;
    }

    private static async Task<StrategyScores> EvaluateAsync(
        HttpClient client,
        string strategy,
        IReadOnlyList<BeirQuery> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        Dictionary<string, string> ids,
        CancellationToken cancellationToken)
    {
        foreach (var query in queries.Take(Warmup))
        {
            await SearchAsync(client, strategy, query.Text, cancellationToken);
        }

        double ndcg = 0, recall20 = 0, recall100 = 0, mrr = 0;
        string? reranker = null;
        var latencies = new List<TimeSpan>(queries.Count);
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await SearchAsync(client, strategy, query.Text, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started));
            reranker = response.GetProperty("reranker").GetString();
            var ranked = response.GetProperty("hits").EnumerateArray()
                .Select(h => ids[h.GetProperty("fileName").GetString()!])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var judged = qrels[query.Id];
            ndcg += RankingMetrics.Ndcg(ranked, judged, 10);
            recall20 += RankingMetrics.Recall(ranked, judged, 20);
            recall100 += RankingMetrics.Recall(ranked, judged, 100);
            mrr += RankingMetrics.ReciprocalRank(ranked, judged, 10);
        }

        var n = queries.Count;
        return new StrategyScores(strategy, reranker, ndcg / n, recall20 / n, recall100 / n, mrr / n, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95));
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string strategy, string question, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v2/search", new { question, collection = Collection, k = Depth, strategy }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}

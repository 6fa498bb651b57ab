using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Benchmarks.Load;

/// <summary>
/// Load test of the real Api (embedded mode, Kestrel on loopback, fresh data directory): many concurrent uploaders and an
/// open-loop query rate for a bounded time, then every accepted document must end (indexed or failed) within a bound.
/// Reports outcomes by status code, latency percentiles, throughput and lost documents.
/// </summary>
internal static class LoadBenchmark
{
    private const string Collection = "load";
    private const int SeedDocuments = 100;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var arguments = LoadArguments.Parse(args);
        var shared = SharedData.FindDirectory();
        if (shared is null)
        {
            await Console.Error.WriteLineAsync("The load test needs ../shared/data (SQuAD sample) for documents and questions.");
            return 1;
        }

        var squad = await SquadDataset.LoadAsync(shared, cancellationToken);
        var questions = squad.Questions.Select(q => q.Question).ToList();
        var abstracts = BenchmarkCorpus.Abstracts(shared, 400);
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine($"Load: {arguments.Uploaders} concurrent uploaders (at most {arguments.MaxUploads} uploads), {arguments.QueriesPerSecond} queries/s " +
            $"({arguments.Strategy}, at most {arguments.MaxQueriesInFlight} in flight) for {arguments.Duration.TotalSeconds} s; drain bound {arguments.DrainBound.TotalSeconds} s.");

        // Under a backlog the sweeper must tell waiting documents from lost ones: every re-publish here is wasted work.
        using var republished = new CounterTotal("datadistiller.sweeper.republished");
        using var host = new BenchmarkApiHost();
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var jobs = host.Services.GetRequiredService<IJobStore>();

        // Queries need something to find, and the model is warm before the clock runs.
        var sequence = 0;
        for (var i = 0; i < SeedDocuments; i++)
        {
            using var response = await BenchmarkUploads.UploadAsync(client, Unique(abstracts, Interlocked.Increment(ref sequence)), Collection, cancellationToken);
        }

        await BenchmarkUploads.WaitUntilEndedAsync(jobs, Collection, SeedDocuments, cancellationToken);

        var window = new Stopwatch();
        var uploads = new LoadSamples("upload (202)", HttpStatusCode.Accepted, window);
        var queries = new LoadSamples($"query (200, {arguments.Strategy})", HttpStatusCode.OK, window);
        var accepted = new ConcurrentDictionary<Guid, byte>();
        var skipped = 0;
        window.Start();
        var uploaders = Enumerable.Range(0, arguments.Uploaders).Select(_ => Task.Run(async () =>
        {
            // Each uploader starts a new upload only inside the window; one in flight at the deadline is waited for, never abandoned.
            while (window.Elapsed < arguments.Duration && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                if (n > SeedDocuments + arguments.MaxUploads)
                {
                    return;
                }

                await UploadAsync(client, Unique(abstracts, n), uploads, accepted, cancellationToken);
            }
        }, cancellationToken)).ToList();
        var asking = AskAsync(client, questions, arguments, window, queries, () => Interlocked.Increment(ref skipped), cancellationToken);
        await Task.WhenAll(uploaders.Append(asking));
        window.Stop();

        Console.WriteLine();
        Console.WriteLine("| calls | sent | succeeded | errors (status: count) | succeeded/s until its last answer | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(uploads.Row());
        Console.WriteLine(queries.Row());
        Console.WriteLine();
        Console.WriteLine($"Window {F(window.Elapsed.TotalSeconds)} s (until the last call started inside it returned). " +
            $"Queries not sent because {arguments.MaxQueriesInFlight} were already in flight: {skipped}. Degraded 200s: {queries.DegradedSummary}.");

        var drain = Stopwatch.StartNew();
        var (indexed, failed, lost) = await DrainAsync(jobs, accepted.Keys.ToHashSet(), arguments.DrainBound, cancellationToken);
        drain.Stop();
        var total = window.Elapsed + drain.Elapsed;
        Console.WriteLine($"Accepted {accepted.Count} documents in the window: {indexed} indexed, {failed} failed, **{lost} lost** " +
            $"(not ended {F(drain.Elapsed.TotalSeconds)} s after the window; bound {arguments.DrainBound.TotalSeconds} s). " +
            $"Ingestion under load: {F((indexed + failed) / total.TotalMinutes)} docs/min over {F(total.TotalSeconds)} s (window + drain). " +
            $"Split requests re-published by the stuck-document sweeper: {republished.Total}.");
        return uploads.Failed + queries.Failed + lost == 0 ? 0 : 2;
    }

    private static async Task UploadAsync(
        HttpClient client, BenchmarkDocument document, LoadSamples samples, ConcurrentDictionary<Guid, byte> accepted, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await BenchmarkUploads.SendAsync(client, document, Collection, cancellationToken);
            samples.Record(response.StatusCode, Stopwatch.GetElapsedTime(started));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                foreach (var item in body.GetProperty("documents").EnumerateArray())
                {
                    accepted.TryAdd(item.GetProperty("documentId").GetGuid(), 0);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            samples.RecordException(e);
        }
    }

    /// <summary>
    /// Open loop: queries are started on schedule whether or not earlier ones have answered, so a slow server shows as
    /// latency, not as a lower rate; the in-flight cap keeps an overloaded run bounded (and counts what it did not send).
    /// </summary>
    private static async Task AskAsync(
        HttpClient client, List<string> questions, LoadArguments arguments, Stopwatch window, LoadSamples samples, Action skip, CancellationToken cancellationToken)
    {
        if (arguments.QueriesPerSecond <= 0)
        {
            return;
        }

        var running = new List<Task>();
        var inFlight = 0;
        var sent = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (window.Elapsed < arguments.Duration && await timer.WaitForNextTickAsync(cancellationToken))
        {
            // Catch up on every query due by now: a late tick must not lower the offered rate.
            for (var due = (long)(window.Elapsed.TotalSeconds * arguments.QueriesPerSecond); sent < due; sent++)
            {
                if (Volatile.Read(ref inFlight) >= arguments.MaxQueriesInFlight)
                {
                    skip();
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                var question = questions[(int)(sent % questions.Count)];
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await QueryAsync(client, question, arguments.Strategy, samples, cancellationToken);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }, cancellationToken));
            }
        }

        await Task.WhenAll(running);
    }

    private static async Task QueryAsync(HttpClient client, string question, string strategy, LoadSamples samples, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsJsonAsync("/api/v2/search", new { question, collection = Collection, strategy }, cancellationToken);
            samples.Record(response.StatusCode, Stopwatch.GetElapsedTime(started));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // A 200 can still leave a part out (e.g. the re-ranker's circuit is open under overload): counted, not hidden.
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (body.TryGetProperty("degraded", out var degraded))
                {
                    samples.RecordDegraded(degraded.GetString() ?? "degraded");
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            samples.RecordException(e);
        }
    }

    /// <summary>Waits until every accepted document has ended or the bound passes; what has not ended by then is lost.</summary>
    private static async Task<(int Indexed, int Failed, int Lost)> DrainAsync(
        IJobStore jobs, HashSet<Guid> accepted, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            await BenchmarkUploads.WaitUntilEndedAsync(jobs, Collection, SeedDocuments + accepted.Count, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The bound passed: the documents still open are reported as lost below.
        }

        var documents = (await jobs.ListAsync(new DocumentQuery(Collection, null, 1, SeedDocuments + accepted.Count), cancellationToken)).Items
            .Where(d => accepted.Contains(d.DocumentId))
            .ToList();
        var indexed = documents.Count(d => d.Status == DocumentStatus.Indexed);
        var failed = documents.Count(d => d.Status == DocumentStatus.Failed);
        return (indexed, failed, accepted.Count - indexed - failed);
    }

    /// <summary>A SQuAD abstract made unique by its number: the Api answers a repeated upload as a duplicate and stores nothing.</summary>
    private static BenchmarkDocument Unique(IReadOnlyList<BenchmarkDocument> abstracts, int n)
    {
        var source = abstracts[n % abstracts.Count];
        return new BenchmarkDocument($"load-{n:D5}.txt", [.. source.Bytes, .. Encoding.UTF8.GetBytes($"\n\nLoad test upload {n}.")]);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

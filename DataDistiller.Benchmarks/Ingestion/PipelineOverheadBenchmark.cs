using System.Globalization;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// The CPU the pipeline spends besides the model, per document. The ratio in <c>ingestion throughput</c> is set by this
/// CPU, but there it shares two cores with the model and moves with the VM's speed by several points from run to run.
/// Here a stand-in takes the model's place: it waits as long as the real model took on the same chunks (measured first,
/// in the same run) and uses no CPU, so the batches stay as full as with the model and all the process spends is the
/// pipeline's own: uploads, blobs, extraction and chunking, the queue and job rows, both indexes, events and GC.
/// </summary>
internal static class PipelineOverheadBenchmark
{
    // A run takes seconds and the runtime keeps recompiling hot code for the first several: the median of many settled
    // runs is the figure.
    private const int Rounds = 12;
    private const int WarmUpRounds = 4;

    /// <summary><c>overhead [abstracts|papers]</c>; abstracts by default.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var set = args.FirstOrDefault() ?? "abstracts";
        if (set is not ("abstracts" or "papers"))
        {
            await Console.Error.WriteLineAsync("usage: overhead [abstracts|papers]");
            return 1;
        }

        var shared = SharedData.FindDirectory();
        var documents = set == "papers" ? BenchmarkCorpus.ResearchPapers(shared) : BenchmarkCorpus.Abstracts(shared, 400);
        if (documents.Count == 0)
        {
            await Console.Error.WriteLineAsync("The research papers need ../shared/data.");
            return 1;
        }

        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        using var host = new BenchmarkApiHost();
        var services = host.Services;
        var texts = await IngestionBenchmark.ChunkTextsAsync(services, documents, cancellationToken);
        var model = services.GetRequiredService<TimedEmbeddingGenerator>();
        var (raw, _) = await IngestionBenchmark.MeasureRawEmbedderAsync(services, texts, cancellationToken);
        var loops = services.GetRequiredService<IOptions<IngestionOptions>>().Value.EmbedderConcurrency;
        // With that many calls in flight each input took this long of a call's time; the stand-in answers at the same rate.
        var perInput = raw * loops / texts.Count;
        var vector = (await model.GenerateAsync([texts[0]], cancellationToken: cancellationToken))[0].Vector.ToArray();
        model.StandIn(perInput, vector);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{documents.Count} {set}, {texts.Count} chunks; the model took {raw.TotalSeconds:F1} s for them, so the stand-in waits {perInput.TotalMilliseconds:F1} ms per chunk."));
        Console.WriteLine();
        Console.WriteLine("| run | wall s | process CPU s | model threads CPU s | CPU ms per document | CPU ms per chunk | GC pauses ms | gen0 / gen1 / gen2 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        using var client = host.CreateClient();
        var settled = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var gc = GcActivity.Now();
            var cpu = ProcessCpu.Now();
            var (ended, wall) = await BenchmarkUploads.IngestAsync(
                client, services.GetRequiredService<IJobStore>(), documents, $"overhead-{round}", filesPerRequest: 1, cancellationToken);
            cpu = ProcessCpu.Now() - cpu;
            gc = GcActivity.Now() - gc;
            var chunks = ended.Sum(d => d.ChunksTotal ?? 0);
            var perDocument = cpu.Total.TotalMilliseconds / documents.Count;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {round} | {wall.TotalSeconds:F1} | {cpu.Total.TotalSeconds:F2} | {cpu.Model.TotalSeconds:F2} | {perDocument:F2} | {cpu.Total.TotalMilliseconds / chunks:F2} | " +
                $"{gc.Pauses.TotalMilliseconds:F0} | {gc.Collections()} |"));
            if (round > WarmUpRounds)
            {
                settled.Add(perDocument);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Steady state (runs {WarmUpRounds + 1}–{Rounds}): median {IngestionBenchmark.Median(settled):F2} CPU ms per document (range {settled.Min():F2}–{settled.Max():F2})."));
        return 0;
    }
}

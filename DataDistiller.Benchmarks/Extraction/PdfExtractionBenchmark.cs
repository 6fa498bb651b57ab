using System.Diagnostics;
using System.Globalization;
using DataDistiller.Benchmarks.Ingestion;
using DataDistiller.Infrastructure.Pdf;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace DataDistiller.Benchmarks.Extraction;

/// <summary>
/// The CPU and allocation of reading a PDF's text, per document: the pipeline's extractor (PdfPig, the line builder, form
/// fields, normalisation) against PdfPig alone reading every page's letters, the least any letter-based extraction
/// costs, measured in the same run on the same bytes. Parsing is most of a paper's non-model CPU in the pipeline, and
/// its allocations are what the GC collects while uploads are acknowledged.
/// </summary>
internal static class PdfExtractionBenchmark
{
    private const int WarmUpRounds = 3;
    private const int Rounds = 7;

    // The process's CPU time comes in 10 ms ticks: a sample repeats a small document's read until it spans about this.
    private static readonly TimeSpan s_sampleSpan = TimeSpan.FromMilliseconds(500);

    /// <summary><c>extraction [part of a file name]</c>: every document by default.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var only = args.FirstOrDefault() ?? "";
        var documents = new List<BenchmarkDocument>(BenchmarkCorpus.ResearchPapers(SharedData.FindDirectory()))
        {
            new("generated-1MiB.pdf", BenchmarkCorpus.PdfOfSize(1024 * 1024)),
        }.Where(d => d.FileName.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        var extractor = new PdfTextExtractor(Options.Create(new PdfExtractionOptions()), TimeProvider.System);

        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        Console.WriteLine($"Per document: the median of {Rounds} samples after {WarmUpRounds} warm-up samples, the two reads alternating; a sample repeats a read for about {s_sampleSpan.TotalMilliseconds:0} ms.");
        Console.WriteLine();
        Console.WriteLine("| document | KiB | pages | PdfPig letters CPU ms | extractor CPU ms | extractor / letters | PdfPig letters MiB allocated | extractor MiB allocated | extractor GC pauses ms | extractor gen0 / gen1 / gen2 collections |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // The runtime recompiles hot code for a while, on its own thread, whose CPU the samples would count: the first
        // document measured paid it (0.96-1.66 x in four runs), so every read path runs on every document first.
        foreach (var document in documents)
        {
            for (var i = 0; i < WarmUpRounds; i++)
            {
                ReadLetters(document.Bytes);
                await ExtractAsync(document.Bytes);
            }
        }

        foreach (var document in documents)
        {
            var (letters, extracted) = await MeasureAsync(
                () => Task.FromResult(ReadLetters(document.Bytes)),
                () => ExtractAsync(document.Bytes),
                cancellationToken);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {document.FileName} | {document.Bytes.Length / 1024} | {letters.Pages} | {letters.CpuMs:F1} | {extracted.CpuMs:F1} | {extracted.CpuMs / letters.CpuMs:F2} | {letters.AllocatedMiB:F1} | {extracted.AllocatedMiB:F1} | {extracted.GcPauseMs:F1} | {extracted.Collections} |"));
        }

        return 0;

        async Task<int> ExtractAsync(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return (await extractor.ExtractAsync(stream, cancellationToken)).Pages.Count;
        }
    }

    private static int ReadLetters(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            _ = document.GetPage(number).Letters.Count;
        }

        return document.NumberOfPages;
    }

    // The two alternate sample by sample, so a slower or busier stretch of the VM falls on both.
    private static async Task<(Sample Baseline, Sample Measured)> MeasureAsync(Func<Task<int>> baseline, Func<Task<int>> measured, CancellationToken cancellationToken)
    {
        var once = Stopwatch.StartNew();
        await baseline();
        var repeats = (int)Math.Clamp(s_sampleSpan / once.Elapsed, 1, 100);
        var baselines = new List<Sample>();
        var measurements = new List<Sample>();
        for (var round = 0; round < WarmUpRounds + Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = await SampleAsync(baseline, repeats);
            var m = await SampleAsync(measured, repeats);
            if (round >= WarmUpRounds)
            {
                baselines.Add(b);
                measurements.Add(m);
            }
        }

        return (Median(baselines), Median(measurements));
    }

    private static async Task<Sample> SampleAsync(Func<Task<int>> read, int repeats)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gc = GcActivity.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pages = 0;
        for (var i = 0; i < repeats; i++)
        {
            pages = await read();
        }

        var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var during = GcActivity.Now() - gc;
        return new Sample(
            pages,
            spent.TotalMilliseconds / repeats,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024 * repeats),
            during.Pauses.TotalMilliseconds / repeats,
            during.Collections(repeats));
    }

    private static Sample Median(List<Sample> samples) => samples.OrderBy(s => s.CpuMs).ElementAt(samples.Count / 2);

    private readonly record struct Sample(int Pages, double CpuMs, double AllocatedMiB, double GcPauseMs, string Collections);
}

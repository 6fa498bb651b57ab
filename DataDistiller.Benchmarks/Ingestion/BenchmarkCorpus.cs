using System.Text;
using System.Text.Json;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>The document sets of the ingestion benchmark, from ../shared/data where present, else generated.</summary>
internal static class BenchmarkCorpus
{
    /// <summary>The five arXiv papers (6 to 19 pages each).</summary>
    public static IReadOnlyList<BenchmarkDocument> ResearchPapers(string? sharedData)
    {
        var folder = sharedData is null ? null : Path.Combine(sharedData, "pdfs", "research");
        return folder is null || !Directory.Exists(folder)
            ? []
            : [.. Directory.GetFiles(folder, "*.pdf").Order(StringComparer.Ordinal).Select(f => new BenchmarkDocument(Path.GetFileName(f), File.ReadAllBytes(f)))];
    }

    /// <summary>Abstract-size documents: the SQuAD paragraphs (about 150 tokens each), one text file each.</summary>
    public static IReadOnlyList<BenchmarkDocument> Abstracts(string? sharedData, int count)
    {
        var corpus = sharedData is null ? null : Path.Combine(sharedData, "squad", "corpus.jsonl");
        IEnumerable<string> texts = corpus is not null && File.Exists(corpus)
            ? File.ReadLines(corpus).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            : Enumerable.Range(0, count).Select(Synthetic);
        return [.. texts.Take(count).Select((t, i) => new BenchmarkDocument($"abstract-{i:D4}.txt", Encoding.UTF8.GetBytes(t)))];
    }

    /// <summary>A text PDF of at least <paramref name="minBytes"/> bytes, and not much more.</summary>
    public static byte[] PdfOfSize(int minBytes)
    {
        var probe = TextPdf(10);
        var pages = (int)Math.Ceiling(minBytes / (double)probe.Length * 10);
        for (; ; pages++)
        {
            var bytes = TextPdf(pages);
            if (bytes.Length >= minBytes)
            {
                return bytes;
            }
        }
    }

    /// <summary>
    /// The same PDF with a distinct comment after its end marker: readers ignore it, but the bytes (and so the SHA-256)
    /// differ, so each copy is a new document rather than a duplicate the intake returns without ingesting.
    /// </summary>
    public static byte[] DistinctCopy(byte[] pdf, int copy) => [.. pdf, .. Encoding.ASCII.GetBytes($"\n%copy {copy}\n")];

    private static byte[] TextPdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 0; p < pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var line = 0; line < 45; line++)
            {
                page.AddText(Synthetic((p * 45) + line)[..90], 9, new PdfPoint(40, 800 - (line * 17)), font);
            }
        }

        return builder.Build();
    }

    private static string Synthetic(int i) =>
        $"Record {i} notes that the survey team measured river depth, water temperature and sediment at site {i % 97}. " +
        $"The readings of week {i % 52} were compared with the archive of previous seasons to estimate the yearly trend.";
}

using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Pdf;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class PdfTextExtractorTests
{
    [Fact]
    public async Task ExtractAsync_TwoPages_ReturnsTextPerNumberedPage()
    {
        // Arrange
        var pdf = BuildPdf(["Alpha  page one text.", "Second line here."], ["Beta page two text."]);

        // Act
        var document = await Extract(pdf, new PdfExtractionOptions());

        // Assert
        Assert.Collection(
            document.Pages,
            p => Assert.Equal(new ExtractedPage(1, "Alpha page one text.\nSecond line here."), p),
            p => Assert.Equal(new ExtractedPage(2, "Beta page two text."), p));
    }

    [Fact]
    public async Task ExtractAsync_BlankPage_ThrowsNoText()
    {
        // Arrange
        var pdf = BuildPdf([]);

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => Extract(pdf, new PdfExtractionOptions()));

        // Assert
        Assert.Equal(ExtractionReasons.PdfNoText, ex.Message);
    }

    [Fact]
    public async Task ExtractAsync_GarbageBytes_ThrowsCorrupt()
    {
        // Arrange
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray();

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => Extract(garbage, new PdfExtractionOptions()));

        // Assert
        Assert.StartsWith(ExtractionReasons.PdfCorruptPrefix, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_MorePagesThanLimit_ThrowsTooManyPages()
    {
        // Arrange
        var pdf = BuildPdf(["one"], ["two"], ["three"]);

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => Extract(pdf, new PdfExtractionOptions { MaxPages = 2 }));

        // Assert
        Assert.StartsWith(ExtractionReasons.PdfTooManyPagesPrefix, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_TimeoutElapses_ThrowsTooLong()
    {
        // Arrange: a one-tick budget always runs out before 200 pages are read.
        var pdf = BuildPdf(Enumerable.Range(1, 200).Select(i => new[] { $"Page {i} text" }).ToArray());

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(
            () => Extract(pdf, new PdfExtractionOptions { Timeout = TimeSpan.FromTicks(1) }));

        // Assert
        Assert.StartsWith(ExtractionReasons.PdfTooLongPrefix, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_CallerCancels_ThrowsOperationCanceled()
    {
        // Arrange
        var pdf = BuildPdf(["text"]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var extractor = new PdfTextExtractor(Options.Create(new PdfExtractionOptions()), TimeProvider.System);

        // Act + Assert: cancellation is not a permanent document failure.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => extractor.ExtractAsync(new MemoryStream(pdf), cancelled.Token));
    }

    private static async Task<ExtractedDocument> Extract(byte[] pdf, PdfExtractionOptions options)
    {
        var extractor = new PdfTextExtractor(Options.Create(options), TimeProvider.System);
        using var stream = new MemoryStream(pdf);
        return await extractor.ExtractAsync(stream, TestContext.Current.CancellationToken);
    }

    private static byte[] BuildPdf(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        if (pages.Length == 0)
        {
            builder.AddPage(PageSize.A4);
        }

        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var i = 0; i < lines.Length; i++)
            {
                page.AddText(lines[i], 12, new PdfPoint(50, 750 - (i * 20)), font);
            }
        }

        return builder.Build();
    }
}

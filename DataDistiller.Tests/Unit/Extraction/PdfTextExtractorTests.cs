using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Pdf;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class PdfTextExtractorTests
{
    [Fact]
    public async Task ExtractAsync_TwoPages_ReturnsTextPerNumberedPage()
    {
        // Arrange
        var pdf = TestPdf.Build(["Alpha  page one text.", "Second line here."], ["Beta page two text."]);

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
        var pdf = TestPdf.Build([]);

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
        var pdf = TestPdf.Build(["one"], ["two"], ["three"]);

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => Extract(pdf, new PdfExtractionOptions { MaxPages = 2 }));

        // Assert
        Assert.StartsWith(ExtractionReasons.PdfTooManyPagesPrefix, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_TimeoutElapses_ThrowsTooLong()
    {
        // Arrange: a one-tick budget always runs out before 200 pages are read.
        var pdf = TestPdf.Build(Enumerable.Range(1, 200).Select(i => new[] { $"Page {i} text" }).ToArray());

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
        var pdf = TestPdf.Build(["text"]);
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
}

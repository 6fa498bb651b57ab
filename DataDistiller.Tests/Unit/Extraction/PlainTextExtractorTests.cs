using System.Text;
using DataDistiller.Core.Extraction;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class PlainTextExtractorTests
{
    private readonly PlainTextExtractor _extractor = new();

    [Fact]
    public async Task ExtractAsync_FormFeeds_StartNewPages()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("First  page\ttext.\n\n\n\nSecond paragraph.\fSecond page."));

        // Act
        var document = await _extractor.ExtractAsync(stream, TestContext.Current.CancellationToken);

        // Assert
        Assert.Collection(
            document.Pages,
            p => Assert.Equal(new ExtractedPage(1, "First page text.\n\nSecond paragraph."), p),
            p => Assert.Equal(new ExtractedPage(2, "Second page."), p));
    }

    [Fact]
    public async Task ExtractAsync_Utf16WithBom_Decodes()
    {
        // Arrange
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Grüße ﬁnal")).ToArray();
        using var stream = new MemoryStream(bytes);

        // Act
        var document = await _extractor.ExtractAsync(stream, TestContext.Current.CancellationToken);

        // Assert: NFKC turns the fi ligature into two letters.
        Assert.Equal("Grüße final", Assert.Single(document.Pages).Text);
    }

    [Fact]
    public async Task ExtractAsync_InvalidUtf8_ThrowsNotUtf8()
    {
        // Arrange
        using var stream = new MemoryStream([0x48, 0x69, 0xC3, 0x28, 0xFF]);

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => _extractor.ExtractAsync(stream, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("file is not valid UTF-8 text", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\f \r\n")]
    public async Task ExtractAsync_EmptyOrWhitespace_ThrowsEmptyFile(string text)
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => _extractor.ExtractAsync(stream, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(ExtractionReasons.EmptyFile, ex.Message);
    }

    [Theory]
    [InlineData("text/markdown", false)]
    [InlineData("text/plain; charset=utf-8", true)]
    [InlineData("application/pdf", false)]
    public void CanExtract_ContentType_MatchesTextTypes(string contentType, bool expected) =>
        Assert.Equal(expected, _extractor.CanExtract(contentType));
}

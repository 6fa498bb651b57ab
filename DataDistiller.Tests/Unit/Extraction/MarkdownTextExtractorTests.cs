using System.Text;
using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Markdown;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class MarkdownTextExtractorTests
{
    private readonly MarkdownTextExtractor _extractor = new();

    [Fact]
    public async Task ExtractAsync_Markup_KeepsTheWordsWithoutTheSyntax()
    {
        // Arrange: the heading marker was indexed and quoted in answers ("# Ferries The ferry…") when read as plain text.
        const string markdown = """
            # Ferries

            The ferry to **Rotterdam** sails at _nine_; see the [timetable](https://example.org/ferries "Timetable").

            - Cabins: `B12` and <span class="x">B14</span>
            - [x] Bicycles allowed

            > Check in an hour early.

            <div align="center">Sailing <b>daily</b> &amp; <!-- not Sundays --> on time</div>

            | Day | Time |
            | --- | --- |
            | Monday | 09:00 |
            """;

        // Act
        var page = Assert.Single((await ExtractAsync(markdown)).Pages);

        // Assert: a table's cells keep their order (its rows run on as one line).
        Assert.Equal(
            "Ferries\nThe ferry to Rotterdam sails at nine; see the timetable.\nCabins: B12 and B14\nBicycles allowed\nCheck in an hour early.\nSailing daily & on time\nDay Time Monday 09:00",
            page.Text);
    }

    [Fact]
    public async Task ExtractAsync_FormFeeds_StartNewPagesAsInPlainText()
    {
        // Act
        var document = await ExtractAsync("# One\n\nFirst page.\f## Two\n\nSecond page.");

        // Assert
        Assert.Collection(
            document.Pages,
            p => Assert.Equal(new ExtractedPage(1, "One\nFirst page."), p),
            p => Assert.Equal(new ExtractedPage(2, "Two\nSecond page."), p));
    }

    [Fact]
    public async Task ExtractAsync_HtmlBlocks_KeepOnlyTheTextAReaderSees()
    {
        // Act: as in an HTML page, scripts and styles are never text.
        var page = Assert.Single((await ExtractAsync("Timetable\n\n<style>td { color: red }</style>\n\n<script>track('ferry')</script>\n")).Pages);

        // Assert
        Assert.Equal("Timetable", page.Text);
    }

    [Fact]
    public async Task ExtractAsync_OnlyMarkup_ThrowsEmptyFile()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(() => ExtractAsync("---\n\n***\n\n<!-- nothing to read -->"));

        // Assert
        Assert.Equal(ExtractionReasons.EmptyFile, ex.Message);
    }

    [Theory]
    [InlineData("text/markdown", true)]
    [InlineData("text/markdown; charset=utf-8", true)]
    [InlineData("text/plain", false)]
    public void CanExtract_ContentType_MatchesMarkdownOnly(string contentType, bool expected) =>
        Assert.Equal(expected, _extractor.CanExtract(contentType));

    private async Task<ExtractedDocument> ExtractAsync(string markdown)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(markdown));
        return await _extractor.ExtractAsync(stream, TestContext.Current.CancellationToken);
    }
}

using System.Text;
using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Html;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class HtmlTextExtractorTests
{
    private const string Page = """
        <!doctype html><html><head><title>Quarterly  report</title><style>p { color: red }</style></head>
        <body><script>var secret = "do not index";</script><noscript>enable js</noscript>
        <h1>Results</h1><p>Revenue <b>grew</b> 5%.</p><div>Costs fell.</div>
        <template><p>hidden</p></template><table><tr><td>a</td><td>b</td></tr></table></body></html>
        """;

    [Fact]
    public async Task ExtractAsync_PageWithScriptAndStyle_ReturnsVisibleTextWithTitle()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Page));

        // Act
        var document = await new HtmlTextExtractor().ExtractAsync(stream, TestContext.Current.CancellationToken);

        // Assert
        var page = Assert.Single(document.Pages);
        Assert.Equal(1, page.Number);
        Assert.Equal("Quarterly report\n\nResults\n\nRevenue grew 5%.\n\nCosts fell.\n\na b", page.Text);
    }

    [Fact]
    public async Task ExtractAsync_OnlyScript_ThrowsEmptyFile()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("<html><body><script>x()</script></body></html>"));

        // Act
        var ex = await Assert.ThrowsAsync<ExtractionException>(
            () => new HtmlTextExtractor().ExtractAsync(stream, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(ExtractionReasons.EmptyFile, ex.Message);
    }
}

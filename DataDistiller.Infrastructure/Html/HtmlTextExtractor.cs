using System.Text;
using AngleSharp.Html.Parser;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Html;

/// <summary>
/// Reads the visible text of an HTML page as one page: the title first, then the body with a line
/// break around each block so the chunker sees paragraphs. Scripts, styles and templates are never text.
/// </summary>
public sealed class HtmlTextExtractor : ITextExtractor
{
    public bool CanExtract(string contentType) => DocumentContentTypes.Matches(contentType, DocumentContentTypes.Html);

    public async Task<ExtractedDocument> ExtractAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var parser = new HtmlParser();
        using var document = await parser.ParseDocumentAsync(content, cancellationToken).ConfigureAwait(false);

        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(document.Title))
        {
            text.Append(document.Title).Append("\n\n");
        }

        if (document.Body is not null)
        {
            HtmlVisibleText.Append(document.Body, text);
        }

        var extracted = new ExtractedDocument([new ExtractedPage(1, TextNormalizer.Normalize(text.ToString()))]);
        if (!extracted.HasText)
        {
            throw new ExtractionException(ExtractionReasons.EmptyFile);
        }

        return extracted;
    }
}

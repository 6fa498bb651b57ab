using System.Text;
using AngleSharp.Dom;
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
    private static readonly HashSet<string> s_skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object",
    };

    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
    };

    private static readonly HashSet<string> s_cells = new(StringComparer.OrdinalIgnoreCase) { "td", "th" };

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
            Append(document.Body, text);
        }

        var extracted = new ExtractedDocument([new ExtractedPage(1, TextNormalizer.Normalize(text.ToString()))]);
        if (!extracted.HasText)
        {
            throw new ExtractionException(ExtractionReasons.EmptyFile);
        }

        return extracted;
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    break;
                case IElement element when !s_skipped.Contains(element.LocalName):
                    var block = s_blocks.Contains(element.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    Append(element, text);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    else if (s_cells.Contains(element.LocalName))
                    {
                        // Cells of a row stay on one line but must not run together.
                        text.Append(' ');
                    }

                    break;
                default:
                    break;
            }
        }
    }
}

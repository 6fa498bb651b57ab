using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DataDistiller.Infrastructure.Html;

/// <summary>
/// The text a reader sees in HTML: scripts, styles and templates are never text, a block gets a line break around it
/// so the chunker sees paragraphs, and the cells of a row stay on one line. HTML pages and the HTML blocks of Markdown
/// files are both read through it.
/// </summary>
internal static class HtmlVisibleText
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

    /// <summary>The visible text of an HTML fragment (entities decoded, comments dropped).</summary>
    public static string Of(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        if (document.Body is not null)
        {
            Append(document.Body, text);
        }

        return text.ToString();
    }

    /// <summary>Appends the visible text under <paramref name="node"/>.</summary>
    public static void Append(INode node, StringBuilder text)
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

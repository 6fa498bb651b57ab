using DataDistiller.Infrastructure.Html;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace DataDistiller.Infrastructure.Markdown;

/// <summary>Writes an HTML block of a Markdown file as the text a reader sees, as an HTML page is read.</summary>
internal sealed class HtmlBlockTextRenderer : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(obj);
        // The block is a line of its own already: the breaks around its outer element would add a blank line.
        renderer.WriteLine(HtmlVisibleText.Of(obj.Lines.ToString()).Trim());
    }
}

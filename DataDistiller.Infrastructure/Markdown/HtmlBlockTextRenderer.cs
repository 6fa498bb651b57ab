using System.Net;
using System.Text.RegularExpressions;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace DataDistiller.Infrastructure.Markdown;

/// <summary>Writes an HTML block of a Markdown file as its text: comments and tags go, entities are decoded.</summary>
internal sealed partial class HtmlBlockTextRenderer : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(obj);
        renderer.WriteLine(WebUtility.HtmlDecode(Markup().Replace(obj.Lines.ToString(), " ")));
    }

    [GeneratedRegex("<!--.*?-->|<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Markup();
}

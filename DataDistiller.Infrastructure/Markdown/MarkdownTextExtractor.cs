using DataDistiller.Core.Extraction;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace DataDistiller.Infrastructure.Markdown;

/// <summary>
/// Reads Markdown as the text its reader sees: heading markers, emphasis, link targets, list bullets, task boxes and
/// HTML tags go, the words stay. Read as plain text, "# Ferries" was indexed and quoted in answers with its marker.
/// </summary>
public sealed class MarkdownTextExtractor : PlainTextExtractor
{
    // CommonMark plus the common extensions (tables, task lists, footnotes…), so their syntax is stripped too.
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public override bool CanExtract(string contentType) => DocumentContentTypes.Matches(contentType, DocumentContentTypes.Markdown);

    protected override string ToPlainText(string page)
    {
        var document = Markdig.Markdown.Parse(page, s_pipeline);
        foreach (var box in document.Descendants<TaskList>().ToList())
        {
            box.Remove();
        }

        using var writer = new StringWriter();

        // Markdig's own plain-text settings (Markdown.ToPlainText), except that it copies HTML blocks verbatim.
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        s_pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new HtmlBlockTextRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}

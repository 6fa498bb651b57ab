namespace DataDistiller.Core.Extraction;

/// <summary>The content types DataDistiller ingests.</summary>
public static class DocumentContentTypes
{
    public const string Pdf = "application/pdf";
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
}

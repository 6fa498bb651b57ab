namespace DataDistiller.Core.Extraction;

/// <summary>
/// Decides a document's type from its file extension, checked against its first bytes, so a renamed
/// binary is not ingested as text and a PDF without an extension is still a PDF.
/// </summary>
public static class ContentTypeDetector
{
    private static readonly Dictionary<string, string> s_byExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = DocumentContentTypes.Pdf,
        [".txt"] = DocumentContentTypes.PlainText,
        [".text"] = DocumentContentTypes.PlainText,
        [".md"] = DocumentContentTypes.Markdown,
        [".markdown"] = DocumentContentTypes.Markdown,
        [".html"] = DocumentContentTypes.Html,
        [".htm"] = DocumentContentTypes.Html,
    };

    /// <summary>The extensions accepted, for error messages.</summary>
    public static IReadOnlyCollection<string> SupportedExtensions => s_byExtension.Keys;

    /// <summary>The content type of a file, or null when it is not one DataDistiller reads.</summary>
    /// <param name="fileName">The client's file name.</param>
    /// <param name="head">The first bytes of the file (up to 1 KiB is enough).</param>
    public static string? Detect(string fileName, ReadOnlySpan<byte> head)
    {
        if (LooksLikePdf(head))
        {
            return DocumentContentTypes.Pdf;
        }

        if (!s_byExtension.TryGetValue(Path.GetExtension(fileName), out var byExtension))
        {
            return null;
        }

        // A .pdf without a header is still taken: the splitter fails it as corrupt, with the reason on the document.
        if (byExtension == DocumentContentTypes.Pdf)
        {
            return byExtension;
        }

        return LooksLikeText(head) ? byExtension : null;
    }

    private static bool LooksLikePdf(ReadOnlySpan<byte> head) =>
        head.IndexOf("%PDF-"u8) is >= 0 and < 1024 - 5;

    // Text has no NUL bytes in UTF-8; UTF-16 with a BOM is the exception handled by the decoder.
    private static bool LooksLikeText(ReadOnlySpan<byte> head) =>
        head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }) || !head.Contains((byte)0);
}

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
        var known = s_byExtension.TryGetValue(Path.GetExtension(fileName), out var byExtension);

        // A .pdf without a header is still taken: the splitter fails it as corrupt, with the reason on the document.
        // The header may sit anywhere in the first KiB (as readers allow) only for files not named as text.
        if (byExtension == DocumentContentTypes.Pdf || head.StartsWith("%PDF-"u8) || (!known && HasPdfHeader(head)))
        {
            return DocumentContentTypes.Pdf;
        }

        return known && LooksLikeText(head) ? byExtension : null;
    }

    private static bool HasPdfHeader(ReadOnlySpan<byte> head) =>
        head.IndexOf("%PDF-"u8) is >= 0 and < 1024 - 5;

    private static bool LooksLikeText(ReadOnlySpan<byte> head) =>
        head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }) || !head.Contains((byte)0);
}

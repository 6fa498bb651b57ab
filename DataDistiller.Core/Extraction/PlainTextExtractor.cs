using System.Text;
using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Extraction;

/// <summary>
/// Reads plain text. A form feed starts a new page (the convention of pdftotext and printers), so page numbers
/// survive a text export; otherwise the file is one page. A format with markup derives from it and strips the markup
/// from each page.
/// </summary>
public class PlainTextExtractor : ITextExtractor
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding s_strictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding s_strictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public virtual bool CanExtract(string contentType) => DocumentContentTypes.Matches(contentType, DocumentContentTypes.PlainText);

    public async Task<ExtractedDocument> ExtractAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var text = Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));

        var pages = new List<ExtractedPage>();
        foreach (var raw in text.Split('\f'))
        {
            // Numbers follow the form feeds even when a page is blank, so they match the source's own numbering.
            var number = pages.Count + 1;
            pages.Add(new ExtractedPage(number, TextNormalizer.Normalize(ToPlainText(raw))));
        }

        var document = new ExtractedDocument(pages.Where(p => p.Text.Length > 0).ToList());
        if (!document.HasText)
        {
            throw new ExtractionException(ExtractionReasons.EmptyFile);
        }

        return document;
    }

    /// <summary>One page's text as readers see it; plain text is already that.</summary>
    protected virtual string ToPlainText(string page) => page;

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                return s_strictUtf8.GetString(bytes[3..]);
            }

            if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
            {
                return s_strictUtf16Le.GetString(bytes[2..]);
            }

            if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
            {
                return s_strictUtf16Be.GetString(bytes[2..]);
            }

            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ExtractionException(ExtractionReasons.NotUtf8, ex);
        }
    }
}

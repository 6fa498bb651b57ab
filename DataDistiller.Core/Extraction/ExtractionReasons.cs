namespace DataDistiller.Core.Extraction;

/// <summary>
/// The reasons shown on a failed document. Constants so callers and tests match on them instead of
/// on free text that drifts.
/// </summary>
public static class ExtractionReasons
{
    public const string EmptyFile = "No extractable text: the file is empty";
    public const string NotUtf8 = "The file is not valid UTF-8 text; save it as UTF-8 (or UTF-16 with a byte order mark) and upload it again";
    public const string PdfEncrypted = "PDF is encrypted: a password is required to read it";
    public const string PdfCorruptPrefix = "PDF is corrupt or not a PDF";
    public const string PdfNoText = "No extractable text: the PDF looks like a scanned image or blank pages; run OCR first";
    public const string PdfNoPages = "No extractable text: the PDF has no pages";
    public const string PdfXfa = "XFA form: the PDF only holds a viewer placeholder, not the form content; export it as a flat PDF and upload that";
    public const string PdfTooLongPrefix = "PDF took too long to read";
    public const string PdfTooManyPagesPrefix = "PDF has too many pages";
    public const string PdfUnreadablePagesPrefix = "PDF pages could not be read";
    public const string UnsupportedContentTypePrefix = "Unsupported document type";
}

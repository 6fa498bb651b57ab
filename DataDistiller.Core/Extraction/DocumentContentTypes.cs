namespace DataDistiller.Core.Extraction;

/// <summary>The content types DataDistiller ingests.</summary>
public static class DocumentContentTypes
{
    public const string Pdf = "application/pdf";
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";

    /// <summary>True when <paramref name="contentType"/> is <paramref name="expected"/>, ignoring case and parameters such as charset.</summary>
    public static bool Matches(string? contentType, string expected)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var separator = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = separator < 0 ? contentType : contentType[..separator];
        return string.Equals(mediaType.Trim(), expected, StringComparison.OrdinalIgnoreCase);
    }
}

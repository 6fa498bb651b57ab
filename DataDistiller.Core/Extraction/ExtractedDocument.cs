namespace DataDistiller.Core.Extraction;

/// <summary>The pages of a document with their text, in order.</summary>
public sealed record ExtractedDocument(IReadOnlyList<ExtractedPage> Pages)
{
    /// <summary>True when no page holds a letter or digit.</summary>
    public bool HasText => Pages.Any(p => p.Text.Any(char.IsLetterOrDigit));
}

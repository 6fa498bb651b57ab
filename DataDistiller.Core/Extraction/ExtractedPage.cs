namespace DataDistiller.Core.Extraction;

/// <summary>The text of one page, numbered from 1.</summary>
public sealed record ExtractedPage(int Number, string Text);

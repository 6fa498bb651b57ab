namespace DataDistiller.Core.Chunking;

/// <summary>A sentence (or a slice of an over-long one) on a page, with its token count.</summary>
internal readonly record struct TextSegment(string Text, int Page, int Tokens);

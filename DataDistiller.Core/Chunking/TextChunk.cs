namespace DataDistiller.Core.Chunking;

/// <summary>A piece of a document small enough to embed, with the pages it spans.</summary>
public sealed record TextChunk(int Ordinal, string Text, int PageStart, int PageEnd, int TokenCount);

namespace DataDistiller.Core.Answers;

/// <summary>A source an answer cites with a <c>[n]</c> marker.</summary>
/// <param name="N">The source's number in the prompt, the <c>n</c> of the marker.</param>
/// <param name="DocumentId">The cited document.</param>
/// <param name="FileName">The document's file name.</param>
/// <param name="Page">The first page of the cited chunk, from 1.</param>
/// <param name="Snippet">The chunk's sentence that best matches what the answer says with the marker, or the chunk's start.</param>
/// <param name="ChunkId">The cited chunk.</param>
public sealed record Citation(int N, Guid DocumentId, string FileName, int Page, string Snippet, string ChunkId);

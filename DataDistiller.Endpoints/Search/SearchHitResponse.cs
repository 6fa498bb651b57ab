using DataDistiller.Core.Retrieval;

namespace DataDistiller.Endpoints.Search;

/// <summary>One hit with its source, each leg's rank and score, and the re-ranker's score when it ran.</summary>
public sealed record SearchHitResponse(
    string ChunkId,
    Guid DocumentId,
    string FileName,
    int PageStart,
    int PageEnd,
    string Text,
    double Score,
    LegHit? Dense,
    LegHit? Bm25,
    double? Rerank)
{
    public static SearchHitResponse From(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var c = hit.Chunk;
        return new(c.ChunkId, c.DocumentId, c.FileName, c.PageStart, c.PageEnd, c.Text, hit.Score, hit.Dense, hit.Bm25, hit.Rerank);
    }
}

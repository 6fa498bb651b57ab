using DataDistiller.Core.Retrieval;

namespace DataDistiller.Tests.Support;

/// <summary>Chunks and retrieval results for answer tests.</summary>
public static class TestChunks
{
    public static ChunkInfo Chunk(string fileName, int page, string text, int pageEnd = 0) =>
        new($"{fileName}:{page}", DocumentId(fileName), "c", fileName, 0, page, Math.Max(page, pageEnd), text);

    /// <summary>A stable id per file name, so assertions can name the document.</summary>
    public static Guid DocumentId(string fileName) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fileName)).AsSpan(0, 16));

    public static RetrievalResult Retrieval(params ChunkInfo[] chunks) =>
        new([.. chunks.Select(c => new SearchHit(c, 1.0, null, null))], "hybrid-rerank@1", "fake-reranker");
}

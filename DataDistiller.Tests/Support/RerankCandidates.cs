using DataDistiller.Core.Retrieval;

namespace DataDistiller.Tests.Support;

/// <summary>Builds re-rank requests from plain passage texts.</summary>
public static class RerankCandidates
{
    public static RerankRequest For(string question, params string[] passages) =>
        new(question, "tests", [.. passages.Select((text, i) => new SearchHit(new ChunkInfo($"doc:{i}", Guid.Empty, "tests", "doc.txt", i, 1, 1, text), 1.0 / (i + 1), null, null))]);
}

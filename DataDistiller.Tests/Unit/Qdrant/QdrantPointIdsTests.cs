using DataDistiller.Infrastructure.Qdrant;
using Xunit;

namespace DataDistiller.Tests.Unit.Qdrant;

public sealed class QdrantPointIdsTests
{
    [Fact]
    public void NameBased_MatchesTheRfc4122Version5TestVector()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), QdrantPointIds.NameBased(dns, "www.example.com"));
    }

    [Fact]
    public void ForChunk_IsTheSameForTheSameChunkAndDiffersOtherwise()
    {
        var id = QdrantPointIds.ForChunk("0194f0c2a1b27d3e8f90123456789abc:7");

        Assert.Equal(id, QdrantPointIds.ForChunk("0194f0c2a1b27d3e8f90123456789abc:7"));
        Assert.NotEqual(id, QdrantPointIds.ForChunk("0194f0c2a1b27d3e8f90123456789abc:8"));
        Assert.Equal(5, id.Version);
    }
}

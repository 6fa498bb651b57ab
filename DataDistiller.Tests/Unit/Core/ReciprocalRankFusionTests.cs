using DataDistiller.Core.Retrieval;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_MergesByChunkIdAndKeepsEachLegsRankAndScore()
    {
        // Arrange
        var dense = new[] { Match("a", 0.9), Match("b", 0.8) };
        var bm25 = new[] { Match("b", 12.0), Match("c", 7.0) };

        // Act
        var hits = ReciprocalRankFusion.Fuse(dense, bm25, k: 60);

        // Assert
        Assert.Equal(["b", "a", "c"], hits.Select(h => h.Chunk.ChunkId));
        Assert.Equal(new LegHit(2, 0.8), hits[0].Dense);
        Assert.Equal(new LegHit(1, 12.0), hits[0].Bm25);
        Assert.Equal(1.0 / 62 + 1.0 / 61, hits[0].Score, 12);
        Assert.Null(hits[1].Bm25);
        Assert.Null(hits[2].Dense);
    }

    [Fact]
    public void Fuse_WhenALegIsEmpty_ReturnsTheOtherInOrder()
    {
        var hits = ReciprocalRankFusion.Fuse([], [Match("x", 3), Match("y", 2)], k: 60);

        Assert.Equal(["x", "y"], hits.Select(h => h.Chunk.ChunkId));
    }

    private static ChunkMatch Match(string id, double score) =>
        new(new ChunkInfo(id, Guid.Empty, "c", "f", 0, 1, 1, id), score);
}

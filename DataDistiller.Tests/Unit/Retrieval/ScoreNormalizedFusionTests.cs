using DataDistiller.Core.Retrieval;
using Xunit;

namespace DataDistiller.Tests.Unit.Retrieval;

public sealed class ScoreNormalizedFusionTests
{
    [Fact]
    public void Fuse_NormalisesEachLegAndWeighsThem()
    {
        // Arrange: dense 0.9/0.5 and BM25 20/10 become 1/0 in each leg.
        var dense = new[] { Match("a", 0.9), Match("b", 0.5) };
        var bm25 = new[] { Match("b", 20.0), Match("c", 10.0) };

        // Act
        var hits = ScoreNormalizedFusion.Fuse(dense, bm25, denseWeight: 0.7);

        // Assert
        Assert.Equal(["a", "b", "c"], hits.Select(h => h.Chunk.ChunkId));
        Assert.Equal(0.7, hits[0].Score, 12);
        Assert.Equal(0.3, hits[1].Score, 12);
        Assert.Equal(0.0, hits[2].Score, 12);
        Assert.Equal(new LegHit(2, 0.5), hits[1].Dense);
        Assert.Equal(new LegHit(1, 20.0), hits[1].Bm25);
    }

    [Fact]
    public void Fuse_WhenALegScoresAllTheSame_GivesEachOfItsHitsFullWeight()
    {
        var hits = ScoreNormalizedFusion.Fuse([Match("a", 0.4), Match("b", 0.4)], [], denseWeight: 0.5);

        Assert.All(hits, h => Assert.Equal(0.5, h.Score, 12));
    }

    [Fact]
    public void Fuse_WhenTheWeightIsOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreNormalizedFusion.Fuse([], [], denseWeight: 1.5));

    internal static ChunkMatch Match(string id, double score, string? text = null) =>
        new(new ChunkInfo(id, Guid.Empty, "c", "f", 0, 1, 1, text ?? id), score);
}

using DataDistiller.Core.Retrieval.Lexical;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class Bm25SparseEncoderTests
{
    [Fact]
    public void EncodeDocument_WeighsTermsByBm25Saturation()
    {
        // Arrange: 4 tokens, average length 4, so the length norm is 1 and the weight is tf*(k1+1)/(tf+k1)
        var encoder = new Bm25SparseEncoder(k1: 1.2, b: 0.75, averageLength: 4);

        // Act
        var vector = encoder.EncodeDocument("Foxes fox jumps dog");

        // Assert
        var weights = vector.Indices.Zip(vector.Values).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(3, vector.Indices.Length);
        Assert.Equal(2 * 2.2 / (2 + 1.2), weights[Bm25SparseEncoder.TermId("fox")], 5);
        Assert.Equal(2.2 / (1 + 1.2), weights[Bm25SparseEncoder.TermId("jump")], 5);
        Assert.Equal(vector.Indices.Order(), vector.Indices);
    }

    [Fact]
    public void EncodeDocument_WhenLongerThanAverage_WeighsTheSameCountLess()
    {
        var encoder = new Bm25SparseEncoder(averageLength: 4);

        var shortText = encoder.EncodeDocument("fox den");
        var longText = encoder.EncodeDocument("fox den hill river stone cloud tree field");

        Assert.True(shortText.Values[Array.IndexOf(shortText.Indices, Bm25SparseEncoder.TermId("fox"))]
            > longText.Values[Array.IndexOf(longText.Indices, Bm25SparseEncoder.TermId("fox"))]);
    }

    [Fact]
    public void EncodeQuery_GivesEachDistinctStemmedTermWeightOne()
    {
        var vector = Bm25SparseEncoder.EncodeQuery("What connects connection connected?");

        Assert.Equal([Bm25SparseEncoder.TermId("connect")], vector.Indices);
        Assert.Equal([1f], vector.Values);
    }

    [Fact]
    public void TermId_IsStableAcrossProcesses() =>
        // FNV-1a 32 of "a" is a published test vector.
        Assert.Equal(0xe40c292cu, Bm25SparseEncoder.TermId("a"));
}

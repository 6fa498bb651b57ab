using DataDistiller.Core.Answers;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class CitationMapperTests
{
    private static readonly DataDistiller.Core.Retrieval.ChunkInfo[] s_sources =
    [
        TestChunks.Chunk("harbour.pdf", 2, "Chapter one describes the harbour. The quarantine station on Pellworth opened in 1893. Boats return at dusk.", pageEnd: 3),
        TestChunks.Chunk("bees.txt", 1, "Honeybees dance to show where flowers are."),
    ];

    [Fact]
    public void Map_ValidMarkers_MapsEachSourceWithDocumentPageAndBestSentence()
    {
        // Act
        var citations = CitationMapper.Map("Bees dance to show flowers [2]. The Pellworth station opened in 1893 [1].", s_sources);

        // Assert
        Assert.Equal([2, 1], citations.Select(c => c.N));
        var harbour = citations[1];
        Assert.Equal(TestChunks.DocumentId("harbour.pdf"), harbour.DocumentId);
        Assert.Equal("harbour.pdf", harbour.FileName);
        Assert.Equal(2, harbour.Page);
        Assert.Equal("harbour.pdf:2", harbour.ChunkId);
        Assert.Equal("The quarantine station on Pellworth opened in 1893.", harbour.Snippet);
    }

    [Fact]
    public void Map_OutOfRangeZeroAndRepeatedMarkers_IgnoresThemAndListsEachSourceOnce()
    {
        var citations = CitationMapper.Map("One [0]. Two [3]. Three [1]. Four [1]. Five [99] [-1] [x].", s_sources);

        var only = Assert.Single(citations);
        Assert.Equal(1, only.N);
    }

    [Theory]
    [InlineData("Pellworth opened in 1893 and bees dance [1, 2].")]
    [InlineData("Pellworth opened in 1893 and bees dance [1][2].")]
    public void Map_GroupedMarkers_CitesEverySourceWithTheSharedClaim(string answer)
    {
        var citations = CitationMapper.Map(answer, s_sources);

        Assert.Equal([1, 2], citations.Select(c => c.N));
        Assert.Equal("The quarantine station on Pellworth opened in 1893.", citations[0].Snippet);
        Assert.Equal("Honeybees dance to show where flowers are.", citations[1].Snippet);
    }

    [Fact]
    public void Map_WhenNoSentenceMatches_SnippetIsTheChunkStartBounded()
    {
        var longChunk = TestChunks.Chunk("long.txt", 1, string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 60)));

        var citation = Assert.Single(CitationMapper.Map("Unrelated words here [1].", [longChunk]));

        Assert.True(citation.Snippet.Length <= CitationMapper.MaxSnippetLength);
        Assert.StartsWith("lorem ipsum dolor", citation.Snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", citation.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NoMarkers_ReturnsNoCitations()
    {
        Assert.Empty(CitationMapper.Map("An answer without any marker.", s_sources));
    }
}

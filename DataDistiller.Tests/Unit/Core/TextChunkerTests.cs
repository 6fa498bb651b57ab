using DataDistiller.Core.Chunking;
using DataDistiller.Core.Extraction;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class TextChunkerTests
{
    private static readonly string[] s_words = [.. Enumerable.Range(0, 500).Select(i => $"w{i}"), "知", "识", "库", "简", "介", "。", "x"];

    [Fact]
    public void Split_LongText_KeepsEveryChunkWithinMaxTokensAndOverlapsNeighbours()
    {
        // Arrange: 60 sentences of 7 tokens (6 words + '.')
        var chunker = Create(maxTokens: 30, overlap: 10);
        var sentences = Enumerable.Range(0, 60).Select(i => string.Join(' ', s_words.Skip(i * 6).Take(6)) + ".").ToList();

        // Act
        var chunks = chunker.Split(new ExtractedDocument([new ExtractedPage(1, string.Join(' ', sentences))]));

        // Assert
        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 30));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = chunks[i - 1].Text.Split(". ")[^1];
            Assert.StartsWith(previousLast.TrimEnd('.'), chunks[i].Text, StringComparison.Ordinal);
        }

        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public void Split_AcrossPages_RecordsThePageSpanOfEachChunk()
    {
        // Arrange
        var chunker = Create(maxTokens: 20, overlap: 0);
        var document = new ExtractedDocument(
        [
            new ExtractedPage(1, "w1 w2 w3. w4 w5 w6."),
            new ExtractedPage(2, "w7 w8 w9. w10 w11 w12."),
            new ExtractedPage(3, string.Join(' ', s_words.Skip(100).Take(40))),
        ]);

        // Act
        var chunks = chunker.Split(document);

        // Assert
        Assert.Equal((1, 2), (chunks[0].PageStart, chunks[0].PageEnd));
        Assert.All(chunks.Skip(1), c => Assert.Equal((3, 3), (c.PageStart, c.PageEnd)));
    }

    [Fact]
    public void Split_ASentenceLongerThanAChunk_CutsItBetweenWords()
    {
        // Arrange
        var chunker = Create(maxTokens: 16, overlap: 4);
        var sentence = string.Join(' ', s_words.Take(100));

        // Act
        var chunks = chunker.Split(new ExtractedDocument([new ExtractedPage(1, sentence)]));

        // Assert
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 16));
        Assert.Equal(s_words.Take(100), chunks.SelectMany(c => c.Text.Split(' ')).Distinct());
    }

    [Fact]
    public void Split_TextWithoutSpaces_CutsItWithinMaxTokensAndLosesNothing()
    {
        // Arrange: CJK-style text, one token per character, no spaces; and one 300-token "word"
        var chunker = Create(maxTokens: 20, overlap: 0);
        var cjk = string.Concat(Enumerable.Repeat("知识库简介。", 30));
        var blob = new string('x', 300);

        // Act
        var chunks = chunker.Split(new ExtractedDocument([new ExtractedPage(1, cjk), new ExtractedPage(2, blob)]));

        // Assert
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 20));
        Assert.Equal(cjk + blob, string.Concat(chunks.Select(c => c.Text.Replace(" ", string.Empty, StringComparison.Ordinal))));
        Assert.Equal(2, chunks[^1].PageEnd);
    }

    [Fact]
    public void Split_ShortText_GivesOneChunk()
    {
        var chunks = Create(200, 40).Split(new ExtractedDocument([new ExtractedPage(1, "w1 w2. w3.")]));

        Assert.Equal("w1 w2. w3.", Assert.Single(chunks).Text);
    }

    [Fact]
    public void Options_WhenOverlapIsNotSmallerThanMax_AreInvalid()
    {
        var options = new ChunkingOptions { MaxTokens = 50, OverlapTokens = 50 };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options));

        Assert.Single(results);
    }

    private static TextChunker Create(int maxTokens, int overlap) =>
        new(TestTokenizer.Create(s_words), Options.Create(new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap }));
}

using DataDistiller.Core.Answers;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class ExtractiveAnswererTests
{
    private static readonly DataDistiller.Core.Retrieval.ChunkInfo[] s_sources =
    [
        TestChunks.Chunk("garden.txt", 1, "Paragraph one talks about gardening and soil. Tomatoes need sun."),
        TestChunks.Chunk("lighthouse.txt", 4, "The Zephyrine lighthouse keeper logs every passing ship in a green ledger. " +
            "Its lamp was converted from whale oil to kerosene in the spring of 1871."),
    ];

    private readonly ExtractiveAnswerer _answerer = new(Options.Create(new AnswerOptions()));

    [Fact]
    public async Task GenerateAsync_SupportedQuestion_QuotesTheBestSentenceWithItsMarker()
    {
        // Act
        var answer = await _answerer.GenerateAsync("When was the Zephyrine lighthouse lamp converted to kerosene?", s_sources, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(ChatProviders.Extractive, answer.Provider);
        Assert.StartsWith("Its lamp was converted from whale oil to kerosene in the spring of 1871. [2]", answer.Text, StringComparison.Ordinal);
        var citation = Assert.Single(CitationMapper.Map(answer.Text, s_sources));
        Assert.Equal(4, citation.Page);
        Assert.Equal("Its lamp was converted from whale oil to kerosene in the spring of 1871.", citation.Snippet);
    }

    [Fact]
    public async Task GenerateAsync_UnsupportedQuestion_AnswersNotInSources()
    {
        var answer = await _answerer.GenerateAsync("What is the boiling point of mercury?", s_sources, TestContext.Current.CancellationToken);

        Assert.Equal(AnswerPrompt.NotInSources, answer.Text);
        Assert.Empty(CitationMapper.Map(answer.Text, s_sources));
    }

    [Fact]
    public async Task StreamAsync_SupportedQuestion_StreamsTheSameTextAsGenerate()
    {
        const string question = "Which colour is the ledger of the Zephyrine lighthouse keeper?";
        var ct = TestContext.Current.CancellationToken;

        var whole = await _answerer.GenerateAsync(question, s_sources, ct);
        var pieces = await _answerer.StreamAsync(question, s_sources, ct).ToListAsync(ct);

        Assert.NotEmpty(pieces);
        Assert.Equal(whole.Text, string.Concat(pieces.Select(p => p.Text)));
        Assert.Contains("green ledger", whole.Text, StringComparison.Ordinal);
    }
}

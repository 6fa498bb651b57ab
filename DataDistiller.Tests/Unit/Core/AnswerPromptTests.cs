using DataDistiller.Core.Answers;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.AI;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class AnswerPromptTests
{
    [Fact]
    public void Build_WithSources_NumbersEachWithFileAndPageThenAsks()
    {
        // Arrange
        var sources = new[] { TestChunks.Chunk("a.pdf", 3, " Otters sleep. "), TestChunks.Chunk("b.txt", 1, "Bees dance.", pageEnd: 2) };

        // Act
        var prompt = AnswerPrompt.Build("Why do otters hold hands?", sources);

        // Assert
        Assert.Equal([ChatRole.System, ChatRole.User], prompt.Select(m => m.Role));
        Assert.Equal(
            "Sources:\n[1] a.pdf, p. 3: Otters sleep.\n\n[2] b.txt, pp. 1-2: Bees dance.\n\nQuestion: Why do otters hold hands?",
            prompt[1].Text);
    }

    [Fact]
    public void Build_Instructions_RequireSourcesOnlyCitationsAndTheFixedNotInSourcesPhrase()
    {
        var system = AnswerPrompt.Build("q", []).First().Text;

        Assert.Contains("only", system, StringComparison.Ordinal);
        Assert.Contains("[1]", system, StringComparison.Ordinal);
        Assert.Contains(AnswerPrompt.NotInSources, system, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The sources do not contain the answer.", true)]
    [InlineData("I'm sorry: the sources do not contain the answer", true)]
    [InlineData("The lamp was converted in 1871 [1].", false)]
    public void IsNotInSources_DetectsThePhrase(string answer, bool expected)
    {
        Assert.Equal(expected, AnswerPrompt.IsNotInSources(answer));
    }
}

using DataDistiller.Core.Answers;
using DataDistiller.Core.Retrieval;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class AnswerServiceTests
{
    private static readonly RetrievalResult s_retrieval = TestChunks.Retrieval(
        TestChunks.Chunk("harbour.pdf", 2, "The quarantine station on Pellworth opened in 1893."),
        TestChunks.Chunk("bees.txt", 1, "Honeybees dance to show where flowers are."));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnswerAsync_WithChatModel_ReturnsTextCitationsProviderAndVersion7Id()
    {
        // Arrange
        var chat = new FakeChatClient("ollama", "The station opened in 1893 [1].");
        var service = new AnswerService(null!, new ChatAnswerGenerator(chat, TimeProvider.System), _time);

        // Act
        var answer = await service.AnswerAsync("When did the Pellworth station open?", s_retrieval, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(7, answer.AnswerId.Version);
        Assert.Equal("The station opened in 1893 [1].", answer.Text);
        Assert.Equal("hybrid-rerank@1", answer.Strategy);
        Assert.Equal("fake-reranker", answer.Reranker);
        Assert.Equal("ollama (fake-model)", answer.Provider);
        Assert.Equal("harbour.pdf", Assert.Single(answer.Citations).FileName);
        Assert.Contains("[1] harbour.pdf, p. 2: The quarantine station", chat.LastPrompt![1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_ModelSaysNotInSourcesWithMarkers_DropsCitations()
    {
        var service = new AnswerService(null!, new ChatAnswerGenerator(new FakeChatClient("ollama", AnswerPrompt.NotInSources + " [1]"), TimeProvider.System), _time);

        var answer = await service.AnswerAsync("Who won in 1990?", s_retrieval, TestContext.Current.CancellationToken);

        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AnswerAsync_PartialAnswerMentioningAMissingPart_KeepsItsCitations()
    {
        var text = "The station opened in 1893 [1]. " + AnswerPrompt.NotInSources;
        var service = new AnswerService(null!, new ChatAnswerGenerator(new FakeChatClient("ollama", text), TimeProvider.System), _time);

        var answer = await service.AnswerAsync("When did it open and who built it?", s_retrieval, TestContext.Current.CancellationToken);

        Assert.Equal(1, Assert.Single(answer.Citations).N);
    }

    [Fact]
    public async Task AnswerAsync_NoSources_AnswersNotInSourcesWithoutCallingTheModel()
    {
        var chat = new FakeChatClient("ollama", "anything");
        var service = new AnswerService(null!, new ChatAnswerGenerator(chat, TimeProvider.System), _time);

        var answer = await service.AnswerAsync("Anything?", TestChunks.Retrieval(), TestContext.Current.CancellationToken);

        Assert.Equal(AnswerPrompt.NotInSources, answer.Text);
        Assert.Equal(ChatProviders.None, answer.Provider);
        Assert.Equal(0, chat.Calls);
    }

    [Fact]
    public async Task StreamAsync_WithChatModel_YieldsDeltasThenTheFinalAnswerWithCitations()
    {
        // Arrange
        const string text = "Bees dance [2] and the station opened in 1893 [1].";
        var service = new AnswerService(null!, new ChatAnswerGenerator(new FakeChatClient("ollama", text), TimeProvider.System), _time);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var updates = await service.StreamAsync("What do bees do?", s_retrieval, ct).ToListAsync(ct);

        // Assert
        var deltas = updates[..^1];
        Assert.All(deltas, u => Assert.Null(u.Answer));
        Assert.Equal(FakeChatClient.Pieces(text), deltas.Select(u => u.Delta));
        var final = updates[^1].Answer;
        Assert.NotNull(final);
        Assert.Equal(text, final.Text);
        Assert.Equal([2, 1], final.Citations.Select(c => c.N));
    }
}

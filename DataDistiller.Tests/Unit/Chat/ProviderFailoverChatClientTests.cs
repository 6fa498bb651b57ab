using DataDistiller.Core.Answers;
using DataDistiller.Infrastructure.Chat;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Chat;

public sealed class ProviderFailoverChatClientTests : IDisposable
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "Question?")];
    private readonly FakeTimeProvider _time = new();
    private readonly FakeChatClient _primary = new("ollama", "From the primary [1].");
    private readonly FakeChatClient _secondary = new("openai", "From the secondary [1].");
    private readonly ChatModelOptions _options = new() { BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5 };

    public void Dispose()
    {
        _primary.Dispose();
        _secondary.Dispose();
    }

    private ProviderFailoverChatClient Client() =>
        new(_primary, _secondary, ChatCircuitBreaker.Create(_options, _time, NullLogger.Instance), NullLogger<ProviderFailoverChatClient>.Instance);

    [Fact]
    public async Task GetResponseAsync_PrimaryHealthy_PrimaryServesAndIsRecorded()
    {
        var response = await Client().GetResponseAsync(s_prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("From the primary [1].", response.Text);
        Assert.Equal("ollama (fake-model)", ChatProviders.ServedBy(response.AdditionalProperties));
        Assert.Equal(0, _secondary.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_PrimaryThrows_SecondaryServesAndIsRecorded()
    {
        // Arrange
        _primary.Fails = true;

        // Act
        var response = await Client().GetResponseAsync(s_prompt, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("From the secondary [1].", response.Text);
        Assert.Equal("openai (fake-model)", ChatProviders.ServedBy(response.AdditionalProperties));
        Assert.Equal(1, _primary.Calls);
        Assert.Equal("Question?", Assert.Single(_secondary.LastPrompt!).Text);
    }

    [Fact]
    public async Task GetResponseAsync_AfterMinimumThroughputFailures_CircuitOpensAndPrimaryIsNoLongerCalled()
    {
        // Arrange
        _primary.Fails = true;
        var client = Client();
        var ct = TestContext.Current.CancellationToken;

        // Act
        for (var i = 0; i < 6; i++)
        {
            await client.GetResponseAsync(s_prompt, cancellationToken: ct);
        }

        // Assert
        Assert.Equal(_options.BreakerMinimumThroughput, _primary.Calls);
        Assert.Equal(6, _secondary.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_AfterBreakDuration_PrimaryIsTriedAgainAndServes()
    {
        // Arrange
        _primary.Fails = true;
        var client = Client();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < _options.BreakerMinimumThroughput; i++)
        {
            await client.GetResponseAsync(s_prompt, cancellationToken: ct);
        }

        _primary.Fails = false;
        _time.Advance(_options.BreakerBreakDuration + TimeSpan.FromSeconds(1));

        // Act
        var response = await client.GetResponseAsync(s_prompt, cancellationToken: ct);

        // Assert
        Assert.Equal("ollama (fake-model)", ChatProviders.ServedBy(response.AdditionalProperties));
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_DoesNotFailOver()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetResponseAsync(s_prompt, cancellationToken: cts.Token));

        Assert.Equal(0, _secondary.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_PrimaryThrows_SecondaryStreamsStampedUpdates()
    {
        // Arrange
        _primary.Fails = true;
        var ct = TestContext.Current.CancellationToken;

        // Act
        var updates = await Client().GetStreamingResponseAsync(s_prompt, cancellationToken: ct).ToListAsync(ct);

        // Assert
        Assert.Equal("From the secondary [1].", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal("openai (fake-model)", ChatProviders.ServedBy(u.AdditionalProperties)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CircuitOpen_StreamsFromSecondaryWithoutCallingPrimary()
    {
        // Arrange
        _primary.Fails = true;
        var client = Client();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < _options.BreakerMinimumThroughput; i++)
        {
            await client.GetStreamingResponseAsync(s_prompt, cancellationToken: ct).ToListAsync(ct);
        }

        // Act
        var updates = await client.GetStreamingResponseAsync(s_prompt, cancellationToken: ct).ToListAsync(ct);

        // Assert
        Assert.Equal(_options.BreakerMinimumThroughput, _primary.Calls);
        Assert.Equal("From the secondary [1].", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task StreamAsync_ThroughFailoverAnswerGenerator_ReportsTheServingProvider()
    {
        _primary.Fails = true;
        var ct = TestContext.Current.CancellationToken;
        var generator = new ChatAnswerGenerator(Client(), TimeProvider.System);

        var pieces = await generator.StreamAsync("Question?", [TestChunks.Chunk("a.txt", 1, "Text.")], ct).ToListAsync(ct);

        Assert.All(pieces, p => Assert.Equal("openai (fake-model)", p.Provider));
    }
}

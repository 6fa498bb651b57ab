using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DataDistiller.Tests.Support;

/// <summary>A chat client for unit tests: answers with fixed text (streamed word by word) or throws; counts calls.</summary>
public sealed class FakeChatClient(string provider, string answer = "", bool fails = false) : IChatClient
{
    public int Calls { get; private set; }

    public IList<ChatMessage>? LastPrompt { get; private set; }

    public bool Fails { get; set; } = fails;

    /// <summary>Token counts the fake reports, as a model's usage (with the last streamed update when streaming).</summary>
    public UsageDetails? Usage { get; init; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = Usage });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(messages);
        foreach (var piece in Pieces(answer))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }

        if (Usage is not null)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage)]);
        }
    }

    /// <summary>The text split after each space, as a model streams tokens.</summary>
    public static IEnumerable<string> Pieces(string text) =>
        text.Split(' ').Select((word, i) => i == 0 ? word : " " + word);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider, null, "fake-model") : null;

    public void Dispose()
    {
    }

    private void Record(IEnumerable<ChatMessage> messages)
    {
        Calls++;
        LastPrompt = [.. messages];
        if (Fails)
        {
            throw new HttpRequestException($"{provider} is down.");
        }
    }
}

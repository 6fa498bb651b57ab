using System.Runtime.CompilerServices;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Answers;

/// <summary>Answers with a chat model over the numbered-sources prompt; the provider is the one that served the call.</summary>
public sealed class ChatAnswerGenerator(IChatClient chat) : IAnswerGenerator
{
    // Grounded answers should restate the sources, not vary them.
    private static readonly ChatOptions s_options = new() { Temperature = 0 };
    private readonly string _provider = ChatProviders.Describe(chat);

    public async Task<GeneratedText> GenerateAsync(string question, IReadOnlyList<ChunkInfo> sources, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(AnswerPrompt.Build(question, sources), s_options.Clone(), cancellationToken).ConfigureAwait(false);
        return new GeneratedText(response.Text, ChatProviders.ServedBy(response.AdditionalProperties) ?? _provider);
    }

    public async IAsyncEnumerable<GeneratedText> StreamAsync(
        string question, IReadOnlyList<ChunkInfo> sources, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = chat.GetStreamingResponseAsync(AnswerPrompt.Build(question, sources), s_options.Clone(), cancellationToken);
        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return new GeneratedText(update.Text, ChatProviders.ServedBy(update.AdditionalProperties) ?? _provider);
            }
        }
    }
}

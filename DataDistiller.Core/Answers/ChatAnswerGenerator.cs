using System.Diagnostics;
using System.Runtime.CompilerServices;
using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Answers;

/// <summary>Answers with a chat model over the numbered-sources prompt; the provider is the one that served the call.</summary>
public sealed class ChatAnswerGenerator(IChatClient chat, TimeProvider timeProvider) : IAnswerGenerator
{
    // Grounded answers should restate the sources, not vary them.
    private static readonly ChatOptions s_options = new() { Temperature = 0 };
    private readonly string _provider = ChatProviders.Describe(chat);
    private readonly ChatClientMetadata? _metadata = chat.GetService<ChatClientMetadata>();

    public async Task<GeneratedText> GenerateAsync(string question, IReadOnlyList<ChunkInfo> sources, CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetTimestamp();
        var response = await chat.GetResponseAsync(AnswerPrompt.Build(question, sources), s_options.Clone(), cancellationToken).ConfigureAwait(false);
        Record(startedAt, response.Usage);
        return new GeneratedText(response.Text, ChatProviders.ServedBy(response.AdditionalProperties) ?? _provider);
    }

    public async IAsyncEnumerable<GeneratedText> StreamAsync(
        string question, IReadOnlyList<ChunkInfo> sources, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetTimestamp();
        UsageDetails? usage = null;
        var updates = chat.GetStreamingResponseAsync(AnswerPrompt.Build(question, sources), s_options.Clone(), cancellationToken);
        await foreach (var update in updates.ConfigureAwait(false))
        {
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage = content.Details;
            }

            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return new GeneratedText(update.Text, ChatProviders.ServedBy(update.AdditionalProperties) ?? _provider);
            }
        }

        Record(startedAt, usage);
    }

    // GenAI semantic conventions: operation, provider and model tag both the latency and the token counts.
    private void Record(long startedAt, UsageDetails? usage)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", _metadata?.ProviderName ?? chat.GetType().Name },
            { "gen_ai.request.model", _metadata?.DefaultModelId },
        };
        RetrievalTelemetry.ModelDuration.RecordSince(timeProvider, startedAt, tags);
        if (usage?.InputTokenCount is { } input)
        {
            RetrievalTelemetry.ModelTokens.Record(input, [.. tags, new("gen_ai.token.type", "input")]);
        }

        if (usage?.OutputTokenCount is { } output)
        {
            RetrievalTelemetry.ModelTokens.Record(output, [.. tags, new("gen_ai.token.type", "output")]);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace DataDistiller.Tests.Support;

/// <summary>
/// The real embedder, slowed down after each call so a host can be stopped with chunks in flight; records how many times each
/// text was embedded (across hosts, when they share <paramref name="embedded"/>), which shows work done twice.
/// </summary>
public sealed class SlowEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner, TimeSpan delay, ConcurrentDictionary<string, int> embedded)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var result = await base.GenerateAsync(texts, options, cancellationToken);
        foreach (var text in texts)
        {
            embedded.AddOrUpdate(text, 1, (_, n) => n + 1);
        }

        // After the work, so a stop here cuts off chunks already embedded but not yet stored or committed.
        await Task.Delay(delay, cancellationToken);
        return result;
    }
}

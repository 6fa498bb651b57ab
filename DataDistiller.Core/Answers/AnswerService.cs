using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using DataDistiller.Core.Diagnostics;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Answers;

/// <summary>
/// Answers a question: retrieval by the request's strategy, then the configured generator (chat model or
/// extractive) over the hits as numbered sources, then citations from the answer's <c>[n]</c> markers.
/// </summary>
public sealed class AnswerService(HybridSearcher searcher, IAnswerGenerator generator, TimeProvider timeProvider)
{
    /// <summary>Retrieves and answers in one call.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was built with another embedding model.</exception>
    public async Task<Answer> AskAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = timeProvider.GetTimestamp();
        var retrieval = await RetrieveAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await AnswerAsync(request.Question, retrieval, cancellationToken).ConfigureAwait(false);
        RetrievalTelemetry.QueryDuration.RecordSince(timeProvider, startedAt, StrategyTags(request));
        return answer;
    }

    /// <summary>
    /// Retrieves and waits for the first piece of the answer, so retrieval failures and an unreachable model surface
    /// before a response starts streaming, then returns the answer's updates: text deltas, then the whole answer.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was built with another embedding model.</exception>
    public async Task<IAsyncEnumerable<AnswerUpdate>> StreamAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = timeProvider.GetTimestamp();
        var retrieval = await RetrieveAsync(request, cancellationToken).ConfigureAwait(false);
        var updates = StreamAsync(request.Question, retrieval, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return Resume(updates, await updates.MoveNextAsync().ConfigureAwait(false), () =>
                RetrievalTelemetry.QueryDuration.RecordSince(timeProvider, startedAt, StrategyTags(request)));
        }
        catch
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Answers <paramref name="question"/> from what a retrieval already found.</summary>
    public async Task<Answer> AnswerAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        var sources = Sources(retrieval);
        if (sources.Count == 0)
        {
            return Complete(AnswerPrompt.NotInSources, ChatProviders.None, retrieval, sources);
        }

        using var activity = RetrievalTelemetry.ActivitySource.StartActivity("answer");
        var generated = await generator.GenerateAsync(question, sources, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("gen_ai.provider.name", generated.Provider);
        return Complete(generated.Text, generated.Provider, retrieval, sources);
    }

    /// <summary>Streams the answer to <paramref name="question"/> from what a retrieval already found.</summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(
        string question, RetrievalResult retrieval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        var sources = Sources(retrieval);
        if (sources.Count == 0)
        {
            yield return AnswerUpdate.Text(AnswerPrompt.NotInSources);
            yield return AnswerUpdate.Completed(Complete(AnswerPrompt.NotInSources, ChatProviders.None, retrieval, sources));
            yield break;
        }

        var text = new StringBuilder();
        string? provider = null;
        await foreach (var piece in generator.StreamAsync(question, sources, cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece.Text);
            provider = piece.Provider;
            yield return AnswerUpdate.Text(piece.Text);
        }

        yield return AnswerUpdate.Completed(Complete(text.ToString(), provider ?? ChatProviders.None, retrieval, sources));
    }

    // A streamed answer's duration ends with its last update, so it is recorded only when the stream completes.
    private static async IAsyncEnumerable<AnswerUpdate> Resume(IAsyncEnumerator<AnswerUpdate> updates, bool hasCurrent, Action completed)
    {
        await using (updates.ConfigureAwait(false))
        {
            for (var has = hasCurrent; has; has = await updates.MoveNextAsync().ConfigureAwait(false))
            {
                yield return updates.Current;
            }
        }

        completed();
    }

    private static TagList StrategyTags(AnswerRequest request) => new() { { RetrievalTelemetry.StrategyTag, request.Strategy.Id } };

    private Task<RetrievalResult> RetrieveAsync(AnswerRequest request, CancellationToken cancellationToken) =>
        searcher.SearchAsync(request.Question, request.Collection, request.Strategy, request.K, cancellationToken);

    private static List<ChunkInfo> Sources(RetrievalResult retrieval) => [.. retrieval.Hits.Select(h => h.Chunk)];

    private Answer Complete(string text, string provider, RetrievalResult retrieval, List<ChunkInfo> sources)
    {
        // A reply that opens with the refusal cites nothing, whatever markers follow; a partial answer that says
        // one part is missing keeps the citations of the parts it did answer.
        var answer = string.IsNullOrWhiteSpace(text) ? AnswerPrompt.NotInSources : text.Trim();
        var citations = AnswerPrompt.StartsWithNotInSources(answer) ? [] : CitationMapper.Map(answer, sources);
        return new Answer(Guid.CreateVersion7(timeProvider.GetUtcNow()), answer, retrieval.Strategy, retrieval.Reranker, provider, citations, retrieval.Degraded);
    }
}

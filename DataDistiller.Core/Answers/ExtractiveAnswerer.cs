using System.Runtime.CompilerServices;
using DataDistiller.Core.Chunking;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Answers;

/// <summary>
/// The answer without a chat model: the sentences of the sources that contain most of the question's content words,
/// each quoted with its <c>[n]</c>. Scoring is lexical on purpose: a quote is only an answer when it says what was
/// asked, a share of the question's words means the same for every embedding model and collection (a cosine
/// threshold does not), and the re-ranker has already spent the embedder's time on these sentences. Ties go to the
/// better-ranked source. When no sentence reaches <see cref="AnswerOptions.ExtractiveMinCoverage"/> the answer is
/// <see cref="AnswerPrompt.NotInSources"/>.
/// </summary>
public sealed class ExtractiveAnswerer(IOptions<AnswerOptions> options) : IAnswerGenerator
{
    private readonly AnswerOptions _options = options.Value;

    public Task<GeneratedText> GenerateAsync(string question, IReadOnlyList<ChunkInfo> sources, CancellationToken cancellationToken) =>
        Task.FromResult(new GeneratedText(string.Join(' ', Quotes(question, sources)), ChatProviders.Extractive));

    public async IAsyncEnumerable<GeneratedText> StreamAsync(
        string question, IReadOnlyList<ChunkInfo> sources, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var quote in Quotes(question, sources))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new GeneratedText(first ? quote : " " + quote, ChatProviders.Extractive);
            first = false;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private List<string> Quotes(string question, IReadOnlyList<ChunkInfo> sources)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sources);
        var wanted = AnswerTerms.Of(question);
        var quotes = sources
            .SelectMany((chunk, i) => Sentences.Split(chunk.Text).Select(sentence => (Sentence: sentence, N: i + 1)))
            .Select(s => (s.Sentence, s.N, Coverage: AnswerTerms.Coverage(wanted, AnswerTerms.Of(s.Sentence))))
            .Where(s => s.Coverage >= _options.ExtractiveMinCoverage)
            .OrderByDescending(s => s.Coverage)
            .DistinctBy(s => s.Sentence, StringComparer.Ordinal)
            .Take(_options.ExtractiveMaxSentences)
            .Select(s => $"{s.Sentence} [{s.N}]")
            .ToList();
        return quotes.Count > 0 ? quotes : [AnswerPrompt.NotInSources];
    }
}

using DataDistiller.Core.Chunking;
using System.Numerics.Tensors;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// The embedded fallback when no cross-encoder is configured: the best fused candidates are re-scored by the
/// similarity of their best sentence to the question (packaged embedder), blended with the fused score. A chunk
/// vector averages everything a chunk says; one sentence that answers the question stands out at sentence level.
/// Only the first <see cref="RetrievalOptions.RescoreCandidates"/> are read, so a query embeds about a hundred short
/// sentences in one call, not all forty chunks; the rest keep their fused order below them.
/// </summary>
public sealed class SentenceSimilarityReranker(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelResolver models,
    IOptions<RetrievalOptions> options) : IReranker
{
    private const int MinSentenceLength = 12;
    private readonly RetrievalOptions _options = options.Value;

    public string Name => $"embedded-sentences ({models.Resolve().ModelId})";

    public async Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = request.Candidates;
        if (candidates.Count == 0)
        {
            return [];
        }

        var read = Math.Min(_options.RescoreCandidates, candidates.Count);
        var sentences = new List<string>();
        var owners = new List<int>();
        for (var i = 0; i < read; i++)
        {
            foreach (var sentence in Sentences.Split(candidates[i].Chunk.Text).Where(s => s.Length >= MinSentenceLength).DefaultIfEmpty(candidates[i].Chunk.Text))
            {
                sentences.Add(sentence);
                owners.Add(i);
            }
        }

        // Both calls queue at once and are urgent, so a search does not wait behind ingestion batches.
        var questionTask = embedder.GenerateVectorAsync(request.Question, EmbeddingInputType.ForQuery(), cancellationToken);
        var vectors = await embedder.GenerateAsync(sentences, EmbeddingPriority.ForUrgentPassages(), cancellationToken).ConfigureAwait(false);
        var question = await questionTask.ConfigureAwait(false);
        var best = Enumerable.Repeat(double.NegativeInfinity, read).ToArray();
        for (var s = 0; s < sentences.Count; s++)
        {
            best[owners[s]] = Math.Max(best[owners[s]], TensorPrimitives.Dot(question.Span, vectors[s].Vector.Span));
        }

        var topFused = candidates.Max(c => c.Score);
        var weight = _options.RescoreSentenceWeight;
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var fused = topFused > 0 ? candidates[i].Score / topFused : 0;
            // Unread candidates rank below every read one (read scores lie in [-1, 2]) and keep their fused order.
            scores[i] = i < read ? (weight * best[i]) + ((1 - weight) * fused) : fused - 3;
        }

        return scores;
    }
}

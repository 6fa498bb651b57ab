using DataDistiller.Core.Retrieval;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Retrieval;

public sealed class SentenceSimilarityRerankerTests : IDisposable
{
    private readonly FakeEmbeddingGenerator _embedder = new(dimensions: 256);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _embedder.Dispose();

    [Fact]
    public async Task ScoreAsync_PutsTheChunkWithTheAnsweringSentenceFirst()
    {
        // Arrange: equal fused scores; only the second chunk has a sentence about the question.
        var candidates = new[]
        {
            Hit("a", 1.0, "General notes about the harbour town and its markets. Fishing boats leave at dawn."),
            Hit("b", 1.0, "The market sells bread and fish every day. The lighthouse lamp was converted to kerosene in 1881."),
        };

        // Act
        var scores = await Reranker(weight: 0.5).ScoreAsync(new RerankRequest("when was the lighthouse lamp converted to kerosene", "c", candidates), _ct);

        // Assert
        Assert.True(scores[1] > scores[0]);
    }

    [Fact]
    public async Task ScoreAsync_KeepsUnreadCandidatesBelowReadOnesInFusedOrder()
    {
        var candidates = Enumerable.Range(0, 5).Select(i => Hit($"c{i}", 1.0 - (i * 0.1), $"Sentence number {i} about nothing in particular.")).ToArray();

        var scores = await Reranker(weight: 0.5, read: 2).ScoreAsync(new RerankRequest("question", "c", candidates), _ct);

        Assert.True(scores.Take(2).Min() > scores.Skip(2).Max());
        Assert.True(scores[2] > scores[3] && scores[3] > scores[4]);
    }

    [Fact]
    public async Task ScoreAsync_WithNoCandidates_ReturnsNoScores() =>
        Assert.Empty(await Reranker(weight: 0.5).ScoreAsync(new RerankRequest("q", "c", []), _ct));

    private SentenceSimilarityReranker Reranker(double weight, int read = 10) =>
        new(_embedder, new EmbeddingModelResolver(_embedder), Options.Create(new RetrievalOptions { RescoreSentenceWeight = weight, RescoreCandidates = read }));

    private static SearchHit Hit(string id, double score, string text) =>
        new(ScoreNormalizedFusionTests.Match(id, score, text).Chunk, score, null, null);
}

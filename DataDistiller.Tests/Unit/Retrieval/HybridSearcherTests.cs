using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Retrieval;

public sealed class HybridSearcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeEmbeddingGenerator _embedder = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalChunkIndex _index;

    public HybridSearcherTests() => _index = new LocalChunkIndex(_dir.File(LocalChunkIndex.FileName));

    public void Dispose()
    {
        _index.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task SearchAsync_WithABm25OnlyStrategy_RunsNoDenseLeg()
    {
        // Arrange
        await IndexAsync("kafka offsets commit", "lighthouse lamp kerosene", "kafka consumer groups");
        var searcher = Searcher(new ReversingReranker());

        // Act
        var result = await searcher.SearchAsync("kafka", "c", RetrievalStrategies.Find("bm25@1")!, k: null, _ct);

        // Assert
        Assert.Equal(2, result.Hits.Count);
        Assert.All(result.Hits, h => Assert.Null(h.Dense));
        Assert.All(result.Hits, h => Assert.NotNull(h.Bm25));
        Assert.Equal("bm25@1", result.Strategy);
        Assert.Null(result.Reranker);
        Assert.Equal(0, _embedder.Calls);
    }

    [Fact]
    public async Task SearchAsync_WithReranking_OrdersByTheRerankerAndNamesIt()
    {
        // Arrange
        await IndexAsync("kafka offsets commit", "lighthouse lamp kerosene", "kafka consumer groups");
        var reranker = new ReversingReranker();
        var strategy = RetrievalStrategies.Find("hybrid-rerank@1")!;

        // Act
        var fused = await Searcher(reranker).SearchAsync("kafka offsets", "c", strategy with { Rerank = false }, k: 10, _ct);
        var reranked = await Searcher(reranker).SearchAsync("kafka offsets", "c", strategy, k: 10, _ct);

        // Assert: the fake scores candidates in reverse fused order, so the list comes back reversed.
        Assert.Equal(fused.Hits.Select(h => h.Chunk.ChunkId).Reverse(), reranked.Hits.Select(h => h.Chunk.ChunkId));
        Assert.Equal(fused.Hits.Count, reranker.LastCandidates);
        Assert.Equal(ReversingReranker.FakeName, reranked.Reranker);
        Assert.All(reranked.Hits, h => Assert.NotNull(h.Rerank));
    }

    [Fact]
    public async Task SearchAsync_HonoursKAndTheStrategysFinalK()
    {
        await IndexAsync([.. Enumerable.Range(0, 12).Select(i => $"kafka note number {i}")]);
        var searcher = Searcher(new ReversingReranker());
        var strategy = RetrievalStrategies.Find("hybrid-rrf@1")!;

        Assert.Equal(strategy.FinalK, (await searcher.SearchAsync("kafka note", "c", strategy, k: null, _ct)).Hits.Count);
        Assert.Equal(8, (await searcher.SearchAsync("kafka note", "c", strategy, k: 8, _ct)).Hits.Count);
    }

    [Fact]
    public async Task SearchAsync_WhenTheRerankerLosesCandidates_Throws()
    {
        await IndexAsync("kafka offsets commit", "kafka consumer groups");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Searcher(new ReversingReranker { Drop = 1 }).SearchAsync("kafka", "c", RetrievalStrategies.Find("hybrid-rerank@1")!, k: null, _ct));
    }

    [Fact]
    public async Task SearchAsync_WhenTheRerankerIsUnavailable_ReturnsTheFusedOrderWithANote()
    {
        // Arrange
        await IndexAsync("kafka offsets commit", "lighthouse lamp kerosene", "kafka consumer groups");
        var strategy = RetrievalStrategies.Find("hybrid-rerank@1")!;
        var fused = await Searcher(new ReversingReranker()).SearchAsync("kafka offsets", "c", strategy with { Rerank = false }, k: 10, _ct);

        // Act
        var result = await Searcher(new ReversingReranker { Unavailable = true }).SearchAsync("kafka offsets", "c", strategy, k: 10, _ct);

        // Assert
        Assert.Equal(fused.Hits.Select(h => h.Chunk.ChunkId), result.Hits.Select(h => h.Chunk.ChunkId));
        Assert.Null(result.Reranker);
        Assert.Equal("re-ranking skipped: re-ranker timed out", result.Degraded);
    }

    private HybridSearcher Searcher(IReranker reranker) =>
        new(_index, _embedder, new EmbeddingModelResolver(_embedder), reranker, Options.Create(new RetrievalOptions()), TimeProvider.System);

    private async Task IndexAsync(params string[] texts)
    {
        var document = Guid.CreateVersion7();
        await _index.EnsureCollectionAsync("c", new EmbeddingModelInfo("fake-bow", 64), _ct);
        await _index.UpsertAsync(
            [.. texts.Select((t, i) => new IndexedChunk(new ChunkInfo($"{document:N}:{i}", document, "c", "f.txt", i, 1, 1, t), _embedder.Embed(t)))],
            _ct);
    }

    private sealed class ReversingReranker : IReranker
    {
        public const string FakeName = "reversing";

        public int LastCandidates { get; private set; }

        public int Drop { get; init; }

        public bool Unavailable { get; init; }

        public string Name => FakeName;

        public Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken)
        {
            LastCandidates = request.Candidates.Count;
            if (Unavailable)
            {
                throw new DependencyUnavailableException("re-ranker", "timed out", TimeSpan.FromSeconds(5));
            }

            return Task.FromResult<IReadOnlyList<double>>([.. request.Candidates.Skip(Drop).Select((_, i) => (double)i)]);
        }
    }
}

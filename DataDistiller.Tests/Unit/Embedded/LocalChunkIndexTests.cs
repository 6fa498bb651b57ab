using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class LocalChunkIndexTests : IDisposable
{
    private static readonly EmbeddingModelInfo s_model = new("fake-bow", 64);
    private readonly TempDirectory _dir = new();
    private readonly FakeEmbeddingGenerator _embedder = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly Guid _document = Guid.CreateVersion7();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Upsert_WhenTheSameChunkComesTwice_StoresItOnce()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("c", s_model, _ct);

        // Act
        await index.UpsertAsync([Chunk(0, "the quick brown fox")], _ct);
        await index.UpsertAsync([Chunk(0, "the quick brown fox jumps")], _ct);

        // Assert
        var stored = Assert.Single(await index.GetDocumentChunksAsync(_document, _ct));
        Assert.Equal("the quick brown fox jumps", stored.Text);
        Assert.Single(await index.SearchKeywordAsync("c", "fox", 10, _ct));
        Assert.Single(await index.SearchDenseAsync("c", _embedder.Embed("fox"), 10, _ct));
    }

    [Fact]
    public async Task Search_RanksTheMatchingChunkFirstInBothLegs()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("c", s_model, _ct);
        await index.UpsertAsync(
            [Chunk(0, "Kafka commits offsets after durable work"), Chunk(1, "Photosynthesis makes sugar from light"), Chunk(2, "Normans were Catholic")],
            _ct);

        // Act
        var dense = await index.SearchDenseAsync("c", _embedder.Embed("sugar from light"), 2, _ct);
        var bm25 = await index.SearchKeywordAsync("c", "How does photosynthesis make sugar?", 2, _ct);

        // Assert
        Assert.Equal(1, dense[0].Chunk.Ordinal);
        Assert.Equal(1, bm25[0].Chunk.Ordinal);
        Assert.True(bm25[0].Score > 0);
        Assert.Equal(2, dense.Count);
        Assert.True(dense[0].Score >= dense[1].Score);
    }

    [Fact]
    public async Task SearchKeyword_WithFts5OperatorsInTheQuestion_TreatsThemAsText()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("c", s_model, _ct);
        await index.UpsertAsync([Chunk(0, "NEAR and OR are words here")], _ct);

        // Act
        var hits = await index.SearchKeywordAsync("c", "\"NEAR(\" OR * AND -- ^col:", 5, _ct);
        var none = await index.SearchKeywordAsync("c", "?!.", 5, _ct);

        // Assert
        Assert.Single(hits);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Search_OnlyReturnsChunksOfTheCollection()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("a", s_model, _ct);
        await index.EnsureCollectionAsync("b", s_model, _ct);
        await index.UpsertAsync([Chunk(0, "shared words", "a"), Chunk(1, "shared words", "b")], _ct);

        // Act
        var dense = await index.SearchDenseAsync("a", _embedder.Embed("shared words"), 10, _ct);
        var bm25 = await index.SearchKeywordAsync("a", "shared", 10, _ct);

        // Assert
        Assert.Equal("a", Assert.Single(dense).Chunk.Collection);
        Assert.Equal("a", Assert.Single(bm25).Chunk.Collection);
    }

    [Fact]
    public async Task Open_AfterRestart_FindsEverythingInBothLegs()
    {
        // Arrange
        using (var index = Open())
        {
            await index.EnsureCollectionAsync("c", s_model, _ct);
            await index.UpsertAsync([Chunk(0, "persistent vectors survive restarts"), Chunk(1, "unrelated text")], _ct);
        }

        // Act
        using var reopened = Open();
        var dense = await reopened.SearchDenseAsync("c", _embedder.Embed("persistent vectors survive restarts"), 1, _ct);
        var bm25 = await reopened.SearchKeywordAsync("c", "restarts", 1, _ct);

        // Assert
        Assert.Equal(0, dense.Single().Chunk.Ordinal);
        Assert.Equal(1f, (float)dense.Single().Score, 3);
        Assert.Equal(0, bm25.Single().Chunk.Ordinal);
    }

    [Fact]
    public async Task EnsureCollection_WithAnotherModel_Refuses()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("c", s_model, _ct);

        // Act
        using var reopened = Open();
        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => reopened.EnsureCollectionAsync("c", new EmbeddingModelInfo("other-model", 384), _ct));

        // Assert
        Assert.Contains("fake-bow", error.Message, StringComparison.Ordinal);
        Assert.Contains("other-model", error.Message, StringComparison.Ordinal);
    }

    private LocalChunkIndex Open() => new(_dir.File(LocalChunkIndex.FileName));

    [Fact]
    public async Task SearchKeyword_IgnoresStopWordsUnlessTheQuestionHasNothingElse()
    {
        // Arrange
        using var index = Open();
        await index.EnsureCollectionAsync("c", s_model, _ct);
        await index.UpsertAsync([Chunk(0, "the fox was in the den"), Chunk(1, "what is the time of the tide")], _ct);

        // Act
        var content = await index.SearchKeywordAsync("c", "What is the fox?", 10, _ct);
        var onlyStopWords = await index.SearchKeywordAsync("c", "what is the", 10, _ct);

        // Assert
        Assert.Equal([0], content.Select(m => m.Chunk.Ordinal));
        Assert.Equal(2, onlyStopWords.Count);
    }

    private IndexedChunk Chunk(int ordinal, string text, string collection = "c") =>
        new(new ChunkInfo($"{_document:N}:{ordinal}", _document, collection, "doc.txt", ordinal, 1, 1, text), _embedder.Embed(text));
}

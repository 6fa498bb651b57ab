using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>
/// The <see cref="IChunkIndex"/> contract every adapter keeps: upserts by chunk id, both legs ranking the matching chunk
/// first with the same BM25 text rules, collections kept apart, the model recorded and a mismatch refused.
/// </summary>
public abstract class ChunkIndexContractTests
{
    protected static readonly EmbeddingModelInfo Model = new("fake-bow", 64);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private static readonly FakeEmbeddingGenerator s_embedder = new();
    private readonly Guid _document = Guid.CreateVersion7();

    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    /// <summary>An index over this test's storage; a second call is the same storage after a restart. Skips without a server.</summary>
    protected abstract IChunkIndex Open();

    [Fact]
    public async Task Upsert_WhenTheSameChunkComesTwice_StoresItOnce()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);

        // Act
        await index.UpsertAsync([Chunk(0, "the quick brown fox")], Ct);
        await index.UpsertAsync([Chunk(0, "the quick brown fox jumps")], Ct);

        // Assert
        var stored = Assert.Single(await index.GetDocumentChunksAsync(_document, Ct));
        Assert.Equal("the quick brown fox jumps", stored.Text);
        Assert.Single(await index.SearchKeywordAsync(Collection("c"), "fox", 10, Ct));
        Assert.Single(await index.SearchDenseAsync(Collection("c"), s_embedder.Embed("fox"), 10, Ct));
    }

    [Fact]
    public async Task Search_RanksTheMatchingChunkFirstInBothLegs()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync(
            [Chunk(0, "Kafka commits offsets after durable work"), Chunk(1, "Photosynthesis makes sugar from light"), Chunk(2, "Normans were Catholic")],
            Ct);

        // Act
        var dense = await index.SearchDenseAsync(Collection("c"), s_embedder.Embed("sugar from light"), 2, Ct);
        var bm25 = await index.SearchKeywordAsync(Collection("c"), "How does photosynthesis make sugar?", 2, Ct);

        // Assert
        Assert.Equal(1, dense[0].Chunk.Ordinal);
        Assert.Equal(1, bm25[0].Chunk.Ordinal);
        Assert.True(bm25[0].Score > 0);
        Assert.Equal(2, dense.Count);
        Assert.True(dense[0].Score >= dense[1].Score);
    }

    [Fact]
    public async Task SearchKeyword_WithQueryOperatorsInTheQuestion_TreatsThemAsText()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "NEAR and OR are words here")], Ct);

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "\"NEAR(\" OR * AND -- ^col:", 5, Ct);
        var none = await index.SearchKeywordAsync(Collection("c"), "?!.", 5, Ct);

        // Assert
        Assert.Single(hits);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Search_OnlyReturnsChunksOfTheCollection()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("a"), Model, Ct);
        await index.EnsureCollectionAsync(Collection("b"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "shared words", Collection("a")), Chunk(1, "shared words", Collection("b"))], Ct);

        // Act
        var dense = await index.SearchDenseAsync(Collection("a"), s_embedder.Embed("shared words"), 10, Ct);
        var bm25 = await index.SearchKeywordAsync(Collection("a"), "shared", 10, Ct);

        // Assert
        Assert.Equal(Collection("a"), Assert.Single(dense).Chunk.Collection);
        Assert.Equal(Collection("a"), Assert.Single(bm25).Chunk.Collection);
    }

    [Fact]
    public async Task Open_AfterRestart_FindsEverythingInBothLegs()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "persistent vectors survive restarts"), Chunk(1, "unrelated text")], Ct);

        // Act
        var reopened = Open();
        var dense = await reopened.SearchDenseAsync(Collection("c"), s_embedder.Embed("persistent vectors survive restarts"), 1, Ct);
        var bm25 = await reopened.SearchKeywordAsync(Collection("c"), "restarts", 1, Ct);

        // Assert
        Assert.Equal(0, dense.Single().Chunk.Ordinal);
        Assert.Equal(1f, (float)dense.Single().Score, 3);
        Assert.Equal(0, bm25.Single().Chunk.Ordinal);
        Assert.Equal(Model, await reopened.GetCollectionModelAsync(Collection("c"), Ct));
    }

    [Fact]
    public async Task EnsureCollection_WithAnotherModel_Refuses()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);

        // Act
        var reopened = Open();
        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => reopened.EnsureCollectionAsync(Collection("c"), new EmbeddingModelInfo("other-model", 384), Ct));

        // Assert
        Assert.Contains("fake-bow", error.Message, StringComparison.Ordinal);
        Assert.Contains("other-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchKeyword_IgnoresStopWordsUnlessTheQuestionHasNothingElse()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "the fox was in the den"), Chunk(1, "what is the time of the tide")], Ct);

        // Act
        var content = await index.SearchKeywordAsync(Collection("c"), "What is the fox?", 10, Ct);
        var onlyStopWords = await index.SearchKeywordAsync(Collection("c"), "what is the", 10, Ct);

        // Assert
        Assert.Equal([0], content.Select(m => m.Chunk.Ordinal));
        Assert.Equal(2, onlyStopWords.Count);
    }

    [Fact]
    public async Task SearchKeyword_FindsOtherFormsOfTheWord()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        await index.UpsertAsync([Chunk(0, "The café connected generators"), Chunk(1, "unrelated text")], Ct);

        // Act
        var hits = await index.SearchKeywordAsync(Collection("c"), "cafe connection generator", 10, Ct);

        // Assert
        Assert.Equal(0, Assert.Single(hits).Chunk.Ordinal);
    }

    [Fact]
    public async Task DeleteDocument_RemovesItsChunksFromBothLegsAndKeepsOtherDocuments()
    {
        // Arrange
        var index = Open();
        await index.EnsureCollectionAsync(Collection("c"), Model, Ct);
        var other = Guid.CreateVersion7();
        await index.UpsertAsync([Chunk(0, "the quick brown fox"), Chunk(1, "a lazy fox sleeps"), Chunk(0, "another fox story", document: other)], Ct);

        // Act: twice, since a delete that is retried or races a late embedder must not fail
        await index.DeleteDocumentAsync(Document, Ct);
        await index.DeleteDocumentAsync(Document, Ct);
        var restarted = Open();

        // Assert
        foreach (var view in new[] { index, restarted })
        {
            Assert.Empty(await view.GetDocumentChunksAsync(Document, Ct));
            Assert.Equal(other, Assert.Single(await view.SearchKeywordAsync(Collection("c"), "fox", 10, Ct)).Chunk.DocumentId);
            Assert.Equal(other, Assert.Single(await view.SearchDenseAsync(Collection("c"), s_embedder.Embed("fox"), 10, Ct)).Chunk.DocumentId);
        }
    }

    /// <summary>The document of this test's chunks.</summary>
    protected Guid Document => _document;

    /// <summary>A collection name unique to this test run, so tests on a shared server never meet.</summary>
    protected string Collection(string name) => $"{name}-{_run}";

    /// <summary>A chunk of this test's document, or of <paramref name="document"/>, with its fake embedding.</summary>
    protected IndexedChunk Chunk(int ordinal, string text, string? collection = null, Guid? document = null)
    {
        var id = document ?? _document;
        return new(new ChunkInfo($"{id:N}:{ordinal}", id, collection ?? Collection("c"), "doc.txt", ordinal, 1, 1, text), s_embedder.Embed(text));
    }
}

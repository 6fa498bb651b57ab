using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class OnnxCrossEncoderRerankerTests : IDisposable
{
    private const string RealModelVariable = "DataDistiller__Models__Reranker__Path";

    private readonly TempDirectory _folder = new();

    public OnnxCrossEncoderRerankerTests() => TestCrossEncoder.WriteTo(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ScoreAsync_ForOnePair_ScoresOnlyPassageTokensAndFinalSeparator()
    {
        // Arrange
        using var reranker = Create();

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("what is a cat", "the cat sat"), TestContext.Current.CancellationToken);

        // Assert: question tokens carry type 0, so only "the cat sat [SEP]" count
        Assert.Equal([PassageScore("the", "cat", "sat")], scores);
    }

    [Fact]
    public async Task ScoreAsync_WhenPassageTooLong_TruncatesPassageAndKeepsQuestion()
    {
        // Arrange: 10 tokens = [CLS] a cat [SEP] + 5 passage tokens + [SEP]
        using var reranker = Create(maxTokens: 10);

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("a cat", "the cat sat on the mat"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([PassageScore("the", "cat", "sat", "on", "the")], scores);
    }

    [Fact]
    public async Task ScoreAsync_WhenQuestionAloneTooLong_CapsQuestionToHalfTheWindow()
    {
        // Arrange: 8 tokens leave 5 for text; the 4-token question is cut to 2, so 3 remain for the passage
        using var reranker = Create(maxTokens: 8);

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("what is a cat", "the cat sat on the mat"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([PassageScore("the", "cat", "sat")], scores);
    }

    [Fact]
    public async Task ScoreAsync_WhenCandidatesSpanSeveralBatches_ReturnsScoresInCandidateOrder()
    {
        // Arrange: mixed lengths so sorting by length reorders them across three batches of 2
        using var reranker = Create(maxBatchSize: 2);
        string[][] passages = [["the", "cat", "sat", "on", "the", "mat"], ["dog"], ["a", "cat", "runs", "fast"], ["mat"], ["the", "dog", "runs"]];

        // Act
        var scores = await reranker.ScoreAsync(
            RerankCandidates.For("what is a dog", [.. passages.Select(p => string.Join(' ', p))]), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(passages.Select(PassageScore), scores);
    }

    [Fact]
    public async Task ScoreAsync_WhenLogitsHaveTwoColumns_UsesTheLastColumn()
    {
        // Arrange
        using var twoColumns = new TempDirectory();
        TestCrossEncoder.WriteTo(twoColumns.Path, twoColumns: true);
        using var reranker = new OnnxCrossEncoderReranker(new OnnxRerankerOptions { Path = twoColumns.Path });

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("a cat", "the mat", "dog"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([PassageScore("the", "mat"), PassageScore("dog")], scores);
    }

    [Fact]
    public async Task ScoreAsync_WithAccentsAndCapitals_LowerCasesAndRemovesMarks()
    {
        // Arrange
        using var reranker = Create();

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("a cat", "Café"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([PassageScore("cafe")], scores);
    }

    [Fact]
    public async Task ScoreAsync_WithNoCandidates_ReturnsEmpty()
    {
        // Arrange
        using var reranker = Create();

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("a cat"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(scores);
    }

    [Fact]
    public void Constructor_WhenPathHasNoModel_ThrowsNamingTheMissingFile()
    {
        // Arrange
        using var empty = new TempDirectory();

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => new OnnxCrossEncoderReranker(new OnnxRerankerOptions { Path = empty.Path }));

        // Assert
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_WithRealCrossEncoder_RanksTheAnsweringPassageFirst()
    {
        // Arrange
        var path = Environment.GetEnvironmentVariable(RealModelVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            Assert.Skip($"Set {RealModelVariable} to a folder with a cross-encoder's model.onnx and vocab.txt to run this test.");
        }

        using var reranker = new OnnxCrossEncoderReranker(new OnnxRerankerOptions { Path = path });
        var request = RerankCandidates.For(
            "How many people live in Berlin?",
            "Berlin is well known for its museums.",
            "Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
            "The Normans were descendants of Norse raiders.");

        // Act
        var scores = await reranker.ScoreAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(3, scores.Count);
        Assert.True(scores[1] > scores[0] && scores[1] > scores[2], $"Scores: {string.Join(", ", scores)}");
    }

    private OnnxCrossEncoderReranker Create(int maxTokens = 512, int maxBatchSize = 8) =>
        new(new OnnxRerankerOptions { Path = _folder.Path, MaxTokens = maxTokens, MaxBatchSize = maxBatchSize });

    private static double PassageScore(params string[] tokens) => tokens.Sum(TestCrossEncoder.Id) + TestCrossEncoder.SepId;
}
